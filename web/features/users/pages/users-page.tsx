import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { ROLE_LABELS, ROLES, useMe } from '../../auth/index.ts';
import { RegionName } from '../../regions/index.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUsers } from '../api/list-users.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { TokensDrawer } from '../components/tokens-drawer.tsx';
import { UserDialog } from '../components/user-dialog.tsx';
import { messages } from '../messages.ts';
import type { CreateUserInput, UpdateUserInput, User } from '../types.ts';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message, modal } = App.useApp();
  const me = useMe().data;
  const isWide = useIsWide('md');
  const [params, update] = useUrlParams(['q', 'role', 'cursor'] as const);
  const users = useUsers({ q: params.q, role: params.role, cursor: params.cursor, limit: PAGE_SIZE });
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [dialog, setDialog] = useState<{ user: User | null } | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const [search, setSearch] = useState(params.q ?? '');

  const openDialog = (user: User | null) => {
    createUser.reset();
    updateUser.reset();
    setDialog({ user });
  };

  const onCreate = (input: CreateUserInput) =>
    createUser.mutate(input, {
      onSuccess: (user) => {
        void message.success(t('created', { name: user.displayName }));
        setDialog(null);
      },
    });

  const onUpdate = (input: UpdateUserInput & { id: string }) =>
    updateUser.mutate(input, {
      onSuccess: () => {
        void message.success(t('saved'));
        setDialog(null);
      },
    });

  const toggleDisabled = (user: User) => {
    const apply = () =>
      updateUser
        .mutateAsync({ id: user.id, version: user.version, disabled: !user.disabled })
        .then(() => void message.success(t(user.disabled ? 'enabledToast' : 'disabledToast', { name: user.displayName })))
        .catch((error: unknown) => void message.error(errorMessage(error)));
    if (user.disabled) return void apply();
    modal.confirm({ title: t('disableTitle', { name: user.displayName }), content: t('disableBody'), okText: t('disable'), okButtonProps: { danger: true }, onOk: apply });
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openDialog(null)}>
            {t('newUser')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) update({ q: null, cursor: null });
          }}
          onSearch={(q) => update({ q: q.trim() || null, cursor: null })}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('allRoles')}
          value={params.role}
          onChange={(role?: string) => update({ role: role ?? null, cursor: null })}
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          style={{ width: 180 }}
        />
      </Flex>
      {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} style={{ marginBottom: 12 }} /> : null}
      <Table<User>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('emptyUsers') }}
        data-testid="users-table"
        columns={[
          { key: 'username', title: t('username'), dataIndex: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { key: 'displayName', title: t('displayName'), dataIndex: 'displayName' },
          { key: 'role', title: t('role'), render: (_, u) => <Tag color="red">{pick(ROLE_LABELS[u.role])}</Tag> },
          {
            key: 'scopes',
            title: t('scopes'),
            render: (_, u) => (
              <Space size={4} wrap>
                {u.scopes.map((s) => (
                  <RegionName key={s.code} code={s.code} tag />
                ))}
              </Space>
            ),
          },
          { key: 'phone', title: t('phone'), render: (_, u) => u.phone ?? '—' },
          { key: 'status', title: t('status'), render: (_, u) => (u.disabled ? <Tag>{t('disabled')}</Tag> : <Tag color="green">{t('enabled')}</Tag>) },
          { key: 'lastLogin', title: t('lastLogin'), render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('never')) },
          {
            key: 'actions',
            title: '',
            fixed: isWide ? 'right' : undefined,
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" onClick={() => openDialog(u)}>
                  {t('edit')}
                </Button>
                <Button size="small" onClick={() => setTokensOf(u)}>
                  {t('tokens')}
                </Button>
                {u.id === me?.id ? null : (
                  <Button size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
                    {u.disabled ? t('enable') : t('disable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager nextCursor={users.data?.nextCursor} loading={users.isFetching} />
      <UserDialog
        open={Boolean(dialog)}
        user={dialog?.user ?? null}
        pending={createUser.isPending || updateUser.isPending}
        error={dialog?.user ? updateUser.error : createUser.error}
        onCreate={onCreate}
        onUpdate={onUpdate}
        onClose={() => setDialog(null)}
      />
      <TokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />
    </>
  );
}
