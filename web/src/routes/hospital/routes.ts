import type { RouteObject } from 'react-router';

/**
 * The hospital's pages, below `/hospital`. Loaded on demand so each role downloads only its own screens (the
 * driver's phone never fetches the dispatcher's map). Feature pages add their child routes here.
 */
export const hospitalRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./HospitalHome.tsx')).HospitalHome }) },
];
