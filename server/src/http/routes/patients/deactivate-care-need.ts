import { CareNeedView } from '@lastmeter/shared';
import { deactivateCareNeed } from '../../../domain/patients/deactivate-care-need.ts';
import { defineRoute } from '../../route.ts';
import { NeedParams } from './params.ts';

export const deactivateCareNeedRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/needs/:needId/deactivate',
  summary: 'Stop a need from producing requests (gatekeeper, admin)',
  tags: ['patients'],
  auth: 'session',
  params: NeedParams,
  success: { status: 200, description: 'The need, inactive', schema: CareNeedView },
  handler: ({ actor, app, params }) =>
    deactivateCareNeed({
      db: app.db,
      actor,
      patientId: params.patientId,
      needId: params.needId,
    }),
});
