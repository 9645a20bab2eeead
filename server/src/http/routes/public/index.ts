import type { AnyRoute } from '../../route.ts';
import { crowdingBoardRoute, crowdingGeoJsonRoute } from './crowding.ts';

/** What the public sees: the crowding board. */
export const publicRoutes: AnyRoute[] = [crowdingBoardRoute, crowdingGeoJsonRoute];
