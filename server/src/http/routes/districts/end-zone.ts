import { ZoneChangeResult, ZonePathParams } from '@lastmeter/shared';
import { endZone } from '../../../domain/districts/end-zone.ts';
import { defineRoute } from '../../route.ts';

export const endZoneRoute = defineRoute({
  method: 'post',
  path: '/api/v1/zones/:zoneId/end',
  summary: "Lift a zone now; re-derives compound levels (admin, the district's dispatchers)",
  tags: ['zones'],
  auth: 'session',
  params: ZonePathParams,
  success: { status: 200, description: 'Ended, with the compound levels it moved', schema: ZoneChangeResult },
  handler: ({ actor, app, params }) =>
    endZone({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      zoneId: params.zoneId,
    }),
});
