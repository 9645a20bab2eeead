import { HospitalCapacity, HospitalDatePathParams, SetSlotOverridesBody } from '@lastmeter/shared';
import { setSlotOverrides } from '../../../domain/hospitals/set-slot-overrides.ts';
import { defineRoute } from '../../route.ts';

export const setSlotOverridesRoute = defineRoute({
  method: 'put',
  path: '/api/v1/hospitals/:hospitalId/overrides/:date',
  summary: "Replace one date's capacity overrides (the hospital itself, admin)",
  tags: ['hospitals'],
  auth: 'session',
  params: HospitalDatePathParams,
  body: SetSlotOverridesBody,
  success: { status: 200, description: "The date's effective capacity", schema: HospitalCapacity },
  handler: ({ actor, app, params, body }) =>
    setSlotOverrides({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      date: params.date,
      input: body,
      timeZone: app.config.timeZone,
    }),
});
