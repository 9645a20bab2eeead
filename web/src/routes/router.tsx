import { ROLES, type Role } from '@lastmeter/shared';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { RequireAuth, RequireRole, RoleRedirect } from '../features/auth/guards.tsx';
import { ROLE_HOME } from '../features/auth/role-home.ts';
import { AppShell } from './AppShell.tsx';
import { adminRoutes } from './admin/routes.ts';
import { dispatcherRoutes } from './dispatcher/routes.ts';
import { driverRoutes } from './driver/routes.ts';
import { gatekeeperRoutes } from './gatekeeper/routes.ts';
import { hospitalRoutes } from './hospital/routes.ts';
import { LoginPage } from './login/LoginPage.tsx';
import { NotFound } from './NotFound.tsx';
import { RouteError } from './RouteError.tsx';

const ROLE_ROUTES: Record<Role, RouteObject[]> = {
  admin: adminRoutes,
  dispatcher: dispatcherRoutes,
  gatekeeper: gatekeeperRoutes,
  driver: driverRoutes,
  hospital: hospitalRoutes,
};

const roleAreas: RouteObject[] = ROLES.map((role) => ({
  path: ROLE_HOME[role],
  element: <RequireRole forRole={role} />,
  children: ROLE_ROUTES[role],
}));

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    children: [
      { path: '/login', element: <LoginPage /> },
      // Public: residents open it from the compound's QR code, without an account.
      {
        path: '/register/:token',
        lazy: async () => ({
          Component: (await import('../features/self-registration/SelfRegistrationPage.tsx'))
            .SelfRegistrationPage,
        }),
      },
      // Public: the emergency-crowding board, a family's tracking link and online-visit link, no account needed.
      {
        path: '/crowding',
        lazy: async () => ({
          Component: (await import('../features/public/CrowdingBoardPage.tsx')).CrowdingBoardPage,
        }),
      },
      {
        path: '/v/:token',
        lazy: async () => ({ Component: (await import('../features/care/JoinPage.tsx')).JoinPage }),
      },
      {
        path: '/t/:token',
        lazy: async () => ({ Component: (await import('../features/tracking/TrackPage.tsx')).TrackPage }),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppShell />,
            children: [
              { index: true, element: <RoleRedirect /> },
              ...roleAreas,
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
