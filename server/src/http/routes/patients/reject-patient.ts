import { PatientView, RejectBody } from '@lastmeter/shared';
import { decideSelfRegistration } from '../../../domain/self-registration/decide-self-registration.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const rejectPatientRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/reject',
  summary: "Turn down a pending self-registration, with a reason (the compound's gatekeeper, admin)",
  tags: ['self-registration'],
  auth: 'session',
  params: PatientParams,
  body: RejectBody,
  success: { status: 200, description: 'Rejected', schema: PatientView },
  handler: ({ actor, app, params, body }) =>
    decideSelfRegistration({
      db: app.db,
      actor,
      patientId: params.patientId,
      decision: { verdict: 'reject', reason: body.reason },
    }),
});
