import { CreateZoneBody, DistrictPathParams, ZoneChangeResult } from '@lastmeter/shared';
import { createZone } from '../../../domain/districts/create-zone.ts';
import { defineRoute } from '../../route.ts';

export const createZoneRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts/:districtId/zones',
  summary: "Draw a lockdown zone; re-derives compound levels (admin, the district's dispatchers)",
  tags: ['zones'],
  auth: 'session',
  params: DistrictPathParams,
  body: CreateZoneBody,
  success: {
    status: 201,
    description: 'Created, with the compound levels it moved',
    schema: ZoneChangeResult,
  },
  handler: ({ actor, app, params, body }) =>
    createZone({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      districtId: params.districtId,
      input: body,
    }),
});
