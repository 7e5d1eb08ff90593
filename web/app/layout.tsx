import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { NotificationBell } from '../features/cases/index.ts';
import { ROLE_LABELS, useLogout, useMe } from '../features/auth/index.ts';
import { useLang, useT } from '../lib/i18n.tsx';
import { common } from '../lib/messages.ts';
import { useIsWide } from '../lib/responsive.ts';
import { menuFeatures, menuKeyFor } from './features.tsx';

const BRAND_RED = '#c8161d';

function Brand({ compact }: { compact?: boolean }) {
  const t = useT(common);
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', minWidth: 0 }}>
      <span
        aria-hidden
        style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 32, height: 32, borderRadius: 6, background: BRAND_RED, color: '#fff', fontWeight: 700, flex: 'none' }}
      >
        共
      </span>
      {compact ? null : (
        <span style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t('appName')}
        </span>
      )}
    </Link>
  );
}

/**
 * The signed-in frame: a collapsible side menu on wide screens; on phones a top bar whose menu
 * button opens the same menu in a drawer.
 */
export function AppLayout() {
  const isDesktop = useIsWide('md');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const { pick } = useLang();
  const t = useT(common);
  const location = useLocation();
  const navigate = useNavigate();
  const user = useMe().data;
  const logout = useLogout();

  const selected = menuKeyFor(location.pathname);
  const items = menuFeatures(user?.role).map((f) => ({
    key: f.key,
    icon: f.icon,
    label: (
      <Link to={f.path} onClick={() => setDrawerOpen(false)}>
        {pick(f.label)}
      </Link>
    ),
  }));
  const menu = <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} style={{ borderInlineEnd: 'none' }} />;

  const userMenu = (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: user ? `${user.displayName}（${pick(ROLE_LABELS[user.role])}）` : '', disabled: true },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
        },
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {isDesktop ? user?.displayName : null}
      </Button>
    </Dropdown>
  );

  const header = (
    <Layout.Header
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 20,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        paddingInline: isDesktop ? 24 : 8,
        height: isDesktop ? 56 : 52,
        lineHeight: 'normal',
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      {isDesktop ? (
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 0 }} ellipsis>
          {t('appTitle')}
        </Typography.Text>
      ) : (
        <>
          <Button type="text" icon={<MenuOutlined />} aria-label={t('menu')} onClick={() => setDrawerOpen(true)} data-testid="menu-button" />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Brand />
          </div>
        </>
      )}
      <NotificationBell />
      <LanguageSwitch />
      {userMenu}
    </Layout.Header>
  );

  return (
    <Layout style={{ minHeight: '100dvh' }}>
      {isDesktop ? (
        <Layout.Sider
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, position: 'sticky', top: 0, height: '100dvh', overflow: 'auto' }}
          data-testid="sider"
        >
          <Flex align="center" style={{ height: 56, paddingInline: collapsed ? 24 : 20 }}>
            <Brand compact={collapsed} />
          </Flex>
          {menu}
        </Layout.Sider>
      ) : (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        {header}
        <Layout.Content style={{ padding: isDesktop ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
