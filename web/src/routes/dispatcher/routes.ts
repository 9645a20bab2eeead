import type { RouteObject } from 'react-router';

/**
 * The dispatcher's pages, below `/dispatcher`. Loaded on demand so each role downloads only its own screens (the
 * driver's phone never fetches the dispatcher's map). Feature pages add their child routes here.
 */
export const dispatcherRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./DispatcherHome.tsx')).DispatcherHome }) },
  {
    path: 'accounts',
    lazy: async () => ({ Component: (await import('../../features/admin/AccountsPage.tsx')).AccountsPage }),
  },
  {
    // The district's fleet: the server scopes the list and the writes to the dispatcher's districts.
    path: 'vehicles',
    lazy: async () => ({ Component: (await import('../../features/admin/VehiclesPage.tsx')).VehiclesPage }),
  },
  {
    path: 'complaints',
    lazy: async () => ({
      Component: (await import('../../features/complaints/ComplaintsPage.tsx')).ComplaintsPage,
    }),
  },
  {
    path: 'notices',
    lazy: async () => ({
      Component: (await import('../../features/notices/NoticesPage.tsx')).NoticesPage,
    }),
  },
];
