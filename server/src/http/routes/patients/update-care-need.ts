import { CareNeedView, UpdateCareNeedBody } from '@lastmeter/shared';
import { updateCareNeed } from '../../../domain/patients/update-care-need.ts';
import { defineRoute } from '../../route.ts';
import { NeedParams } from './params.ts';

export const updateCareNeedRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/patients/:patientId/needs/:needId',
  summary: "Change a need's schedule, hospital or notes (gatekeeper, admin)",
  tags: ['patients'],
  auth: 'session',
  params: NeedParams,
  body: UpdateCareNeedBody,
  success: { status: 200, description: 'The need', schema: CareNeedView },
  handler: ({ actor, app, params, body }) =>
    updateCareNeed({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      patientId: params.patientId,
      needId: params.needId,
      input: body,
    }),
});
