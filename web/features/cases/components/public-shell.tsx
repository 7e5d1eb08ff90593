import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';

/** The frame of the public pages: a slim bar with the name and the language switch, content one column wide. */
export function PublicShell({ children }: { children: ReactNode }) {
  const t = useT(common);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex
        align="center"
        justify="space-between"
        style={{
          background: '#fff',
          padding: '8px 12px',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 1100,
        }}
      >
        <Link
          to="/report"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            color: 'inherit',
          }}
        >
          <span
            aria-hidden
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              width: 28,
              height: 28,
              borderRadius: 6,
              background: '#c8161d',
              color: '#fff',
              fontWeight: 700,
            }}
          >
            共
          </span>
          <Typography.Text strong>{t('appName')}</Typography.Text>
        </Link>
        <LanguageSwitch />
      </Flex>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>{children}</main>
    </div>
  );
}
