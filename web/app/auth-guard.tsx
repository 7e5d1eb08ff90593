import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/error-alert.tsx';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { ForbiddenPage } from '../components/status-pages.tsx';
import { meQueryKey, useMe, type Role } from '../features/auth/index.ts';
import { messages } from '../features/auth/messages.ts';
import { useT } from '../lib/i18n.tsx';
import { homePath } from './features.tsx';
import { onSignedOut } from '../lib/query-client.ts';

/** Signed-in pages only: anyone else goes to the sign-in page and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const t = useT(messages);

  // A 401 from any call means the session is gone: drop the user, which sends us to sign-in.
  useEffect(
    () =>
      onSignedOut(() => {
        if (client.getQueryData(meQueryKey)) {
          client.setQueryData(meQueryKey, null);
          void message.warning(t('sessionExpired'));
        }
      }),
    [client, message, t],
  );

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} style={{ margin: 24 }} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

export function RoleGate({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (roles && (!me.data || !roles.includes(me.data.role))) return <ForbiddenPage />;
  return children;
}

/** `/`: the signed-in user's starting page for their role. */
export function Home() {
  const me = useMe();
  return <Navigate to={homePath(me.data?.role)} replace />;
}
