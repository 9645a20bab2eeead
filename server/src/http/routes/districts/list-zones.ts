import { DistrictPathParams, Zone, ZoneListQuery } from '@lastmeter/shared';
import { z } from 'zod';
import { listZones } from '../../../domain/districts/list-zones.ts';
import { defineRoute } from '../../route.ts';

export const listZonesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId/zones',
  summary: 'Zones in force (now or `at`), or all with `all=true`',
  tags: ['zones'],
  auth: 'session',
  params: DistrictPathParams,
  query: ZoneListQuery,
  success: { status: 200, description: 'Zones, strictest first', schema: z.array(Zone) },
  handler: ({ actor, app, params, query }) =>
    listZones({ db: app.db, actor, districtId: params.districtId, query }),
});
