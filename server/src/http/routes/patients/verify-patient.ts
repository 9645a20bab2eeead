import { PatientView } from '@lastmeter/shared';
import { decideSelfRegistration } from '../../../domain/self-registration/decide-self-registration.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const verifyPatientRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/verify',
  summary:
    "Verify a pending self-registration: it becomes active and reaches planning (the compound's gatekeeper, admin)",
  tags: ['self-registration'],
  auth: 'session',
  params: PatientParams,
  success: { status: 200, description: 'Now active', schema: PatientView },
  handler: ({ actor, app, params }) =>
    decideSelfRegistration({
      db: app.db,
      actor,
      patientId: params.patientId,
      decision: { verdict: 'verify' },
    }),
});
