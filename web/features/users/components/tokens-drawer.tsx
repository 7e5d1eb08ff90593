import { Alert, App, Button, Drawer, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useCreateToken } from '../api/create-token.ts';
import { useTokens } from '../api/list-tokens.ts';
import { useRevokeToken } from '../api/revoke-token.ts';
import { messages } from '../messages.ts';
import type { ApiTokenRow, CreatedToken, User } from '../types.ts';

/** A user's API tokens: create (the secret is shown once, with a copy button) and revoke. */
export function TokensDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT(messages);
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const tokens = useTokens(user?.id);
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const submit = async ({ name }: { name: string }) => {
    if (!user) return;
    try {
      setCreated(await create.mutateAsync({ userId: user.id, name: name.trim() }));
      form.resetFields();
    } catch {
      // shown below the form
    }
  };

  return (
    <Drawer open={Boolean(user)} onClose={onClose} title={user ? t('tokensTitle', { name: user.displayName }) : ''} size={isWide ? 640 : '100%'} destroyOnHidden>
      <Form form={form} layout="inline" onFinish={(values) => void submit(values)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('required') }]} style={{ flex: 1, minWidth: 180 }}>
          <Input placeholder={t('tokenNamePlaceholder')} maxLength={60} aria-label={t('tokenName')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('createToken')}
        </Button>
      </Form>
      {create.error ? <ErrorAlert error={create.error} style={{ marginBottom: 12 }} /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      <Table<ApiTokenRow>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('noTokens') }}
        columns={[
          { key: 'name', title: t('tokenName'), dataIndex: 'name' },
          { key: 'prefix', title: t('tokenPrefix'), render: (_, r) => <Typography.Text code>{r.prefix}…</Typography.Text> },
          { key: 'created', title: t('createdAt'), render: (_, r) => formatDateTime(r.created_at) },
          { key: 'used', title: t('lastUsed'), render: (_, r) => formatDateTime(r.last_used_at) },
          { key: 'status', title: t('status'), render: (_, r) => (r.revoked_at ? <Tag>{t('revoked')}</Tag> : <Tag color="green">{t('active')}</Tag>) },
          {
            key: 'actions',
            title: '',
            render: (_, r) =>
              r.revoked_at || !user ? null : (
                <Popconfirm
                  title={t('revokeTitle', { name: r.name })}
                  description={t('revokeBody')}
                  okText={t('revoke')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    revoke
                      .mutateAsync({ userId: user.id, tokenId: r.id })
                      .then(() => void message.success(t('revokedToast')))
                      .catch((error: unknown) => void message.error(errorMessage(error)))
                  }
                >
                  <Button size="small" danger>
                    {t('revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={Boolean(created)}
        title={t('tokenCreatedTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('iHaveCopied')}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('tokenShownOnce')} />
          <Typography.Paragraph copyable={{ text: created?.token ?? '' }} code style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="new-token">
            {created?.token}
          </Typography.Paragraph>
        </Flex>
      </Modal>
    </Drawer>
  );
}
