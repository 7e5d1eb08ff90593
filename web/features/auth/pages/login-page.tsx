import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FullPageSpin } from '../../../components/full-page-spin.tsx';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';
import { useMe } from '../api/get-me.ts';
import { useLogin, type LoginInput } from '../api/login.ts';
import { messages } from '../messages.ts';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const t = useT(messages);
  const tc = useT(common);
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const next = safeNext(params.get('next'));

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100dvh', padding: 16, background: 'linear-gradient(180deg, #fff1f0 0%, #f5f5f5 60%)' }}>
      <Card style={{ width: '100%', maxWidth: 380 }} variant="borderless">
        <Flex justify="space-between" align="start">
          <div>
            <Typography.Title level={2} style={{ margin: 0, color: '#c41d1d' }}>
              {tc('appName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 24 }}>
          {t('title')}
        </Typography.Title>
        {login.error ? <ErrorAlert error={login.error} style={{ marginBottom: 16 }} /> : null}
        <Form<LoginInput> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
