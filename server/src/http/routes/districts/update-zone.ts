import { UpdateZoneBody, ZoneChangeResult, ZonePathParams } from '@lastmeter/shared';
import { updateZone } from '../../../domain/districts/update-zone.ts';
import { defineRoute } from '../../route.ts';

export const updateZoneRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/zones/:zoneId',
  summary: "Change a zone; re-derives compound levels (admin, the district's dispatchers)",
  tags: ['zones'],
  auth: 'session',
  params: ZonePathParams,
  body: UpdateZoneBody,
  success: {
    status: 200,
    description: 'Updated, with the compound levels it moved',
    schema: ZoneChangeResult,
  },
  handler: ({ actor, app, params, body }) =>
    updateZone({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      zoneId: params.zoneId,
      input: body,
    }),
});
