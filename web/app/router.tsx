import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { NotFoundPage } from '../components/status-pages.tsx';
import { Home, RequireAuth, RoleGate } from './auth-guard.tsx';
import { FEATURES } from './features.tsx';
import { AppLayout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

const LoginPage = lazy(() => import('../features/auth/pages/login-page.tsx'));

/** Routes: the sign-in page, then every registered feature inside the signed-in layout. */
export function createRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <LoginPage />
        </Suspense>
      ),
    },
    // Public pages (reporting a problem, tracking it) need no sign-in and have their own frame.
    ...FEATURES.filter((feature) => feature.public).map((feature) => ({
      path: feature.path,
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <feature.element />
        </Suspense>
      ),
    })),
    {
      path: '/',
      errorElement: <RouteError />,
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <Home /> },
        ...FEATURES.filter((feature) => !feature.public).map((feature) => ({
          path: feature.path,
          errorElement: <RouteError />,
          element: (
            <RoleGate roles={feature.roles}>
              <feature.element />
            </RoleGate>
          ),
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
