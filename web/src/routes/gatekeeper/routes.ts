import type { RouteObject } from 'react-router';

/**
 * The gatekeeper's pages, below `/gatekeeper`. Loaded on demand so each role downloads only its own screens (the
 * driver's phone never fetches the dispatcher's map). Feature pages add their child routes here.
 */
export const gatekeeperRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./GatekeeperHome.tsx')).GatekeeperHome }) },
];
