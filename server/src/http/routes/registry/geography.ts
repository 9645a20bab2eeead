import type { AnyRoute } from '../../route.ts';

/** Districts, compounds and gates, zones, hospitals, vehicles and drivers, the overview. */
export const geographyRoutes: AnyRoute[] = [];
