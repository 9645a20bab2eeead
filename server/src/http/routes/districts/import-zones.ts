import { DistrictPathParams, ImportZonesBody, ZoneChangeResult } from '@lastmeter/shared';
import { importZones } from '../../../domain/districts/import-zones.ts';
import { defineRoute } from '../../route.ts';

export const importZonesRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts/:districtId/zones/import',
  summary: "Import a GeoJSON FeatureCollection of zones, all or nothing (admin, the district's dispatchers)",
  tags: ['zones'],
  auth: 'session',
  params: DistrictPathParams,
  body: ImportZonesBody,
  success: {
    status: 201,
    description: 'Imported, with the compound levels they moved',
    schema: ZoneChangeResult,
  },
  handler: ({ actor, app, params, body }) =>
    importZones({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      districtId: params.districtId,
      input: body,
    }),
});
