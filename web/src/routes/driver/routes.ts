import type { RouteObject } from 'react-router';

/**
 * The driver's pages, below `/driver`. Loaded on demand so each role downloads only its own screens (the
 * driver's phone never fetches the dispatcher's map). Feature pages add their child routes here.
 */
export const driverRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./DriverHome.tsx')).DriverHome }) },
];
