import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorTable } from '../../../components/cursor-table.tsx';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { ListSearch } from '../../../components/list-search.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { recordDialog } from '../../../lib/record-dialog.ts';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { ROLE_LABELS, ROLES, useMe } from '../../auth/index.ts';
import { RegionName } from '../../regions/index.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUsers } from '../api/list-users.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { TokensDrawer } from '../components/tokens-drawer.tsx';
import { UserDialog, type UserDialogState } from '../components/user-dialog.tsx';
import { messages } from '../messages.ts';
import type { User } from '../types.ts';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message, modal } = App.useApp();
  const me = useMe().data;
  const isWide = useIsWide('md');
  const [params] = useUrlParams(['q', 'role', 'cursor'] as const);
  const users = useUsers({ q: params.q, role: params.role, cursor: params.cursor, limit: PAGE_SIZE });
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [dialogState, setDialogState] = useState<UserDialogState | null>(null);
  const dialog = recordDialog(dialogState, setDialogState, {
    create: createUser,
    update: updateUser,
    created: (user) => void message.success(t('created', { name: user.displayName })),
    saved: () => void message.success(t('saved')),
  });
  const [tokensOf, setTokensOf] = useState<User | null>(null);

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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.open({ mode: 'create' })}>
            {t('newUser')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <ListSearch placeholder={t('searchPlaceholder')} style={{ width: 260, maxWidth: '100%' }} />
        <FilterSelect param="role" placeholder={t('allRoles')} options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} style={{ width: 180 }} />
      </Flex>
      <CursorTable<User>
        query={users}
        rowKey="id"
        emptyText={t('emptyUsers')}
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
                <Button size="small" onClick={() => dialog.open({ mode: 'edit', user: u })}>
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
      <UserDialog {...dialog.props} />
      <TokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />
    </>
  );
}
