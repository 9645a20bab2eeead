import type { AnyRoute } from '../../route.ts';
import { getCompoundOverviewRoute } from './get-compound-overview.ts';
import { getDistrictOverviewRoute } from './get-district-overview.ts';

/** The district's and the compound's overview of a day. */
export const overviewRoutes: AnyRoute[] = [getDistrictOverviewRoute, getCompoundOverviewRoute];
