import type { RouteObject } from 'react-router';

/**
 * The admin's pages, below `/admin`. Loaded on demand so each role downloads only its own screens (the
 * driver's phone never fetches the dispatcher's map). Feature pages add their child routes here.
 */
export const adminRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./AdminHome.tsx')).AdminHome }) },
  {
    path: 'accounts',
    lazy: async () => ({ Component: (await import('../../features/admin/AccountsPage.tsx')).AccountsPage }),
  },
  {
    path: 'districts',
    lazy: async () => ({ Component: (await import('../../features/admin/DistrictsPage.tsx')).DistrictsPage }),
  },
  {
    path: 'hospitals',
    lazy: async () => ({ Component: (await import('../../features/admin/HospitalsPage.tsx')).HospitalsPage }),
  },
  {
    path: 'vehicles',
    lazy: async () => ({ Component: (await import('../../features/admin/VehiclesPage.tsx')).VehiclesPage }),
  },
  { path: 'audit', lazy: async () => ({ Component: (await import('./AuditPage.tsx')).AuditPage }) },
  {
    path: 'complaints',
    lazy: async () => ({
      Component: (await import('../../features/complaints/ComplaintsPage.tsx')).ComplaintsPage,
    }),
  },
];
