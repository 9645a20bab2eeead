import type { AnyRoute } from '../../route.ts';
import { crowdingBoardRoute, crowdingGeoJsonRoute } from '../public/crowding.ts';

/** The people at home and the public: crowding board, complaints, tracking links, notices. */
export const peopleRoutes: AnyRoute[] = [crowdingBoardRoute, crowdingGeoJsonRoute];
