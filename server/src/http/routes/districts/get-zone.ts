import { Zone, ZonePathParams } from '@lastmeter/shared';
import { getZone } from '../../../domain/districts/get-zone.ts';
import { defineRoute } from '../../route.ts';

export const getZoneRoute = defineRoute({
  method: 'get',
  path: '/api/v1/zones/:zoneId',
  summary: 'One zone',
  tags: ['zones'],
  auth: 'session',
  params: ZonePathParams,
  success: { status: 200, description: 'The zone', schema: Zone },
  handler: ({ actor, app, params }) => getZone({ db: app.db, actor, zoneId: params.zoneId }),
});
