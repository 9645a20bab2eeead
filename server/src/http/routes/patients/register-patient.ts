import { PatientView, RegisterPatientBody } from '@lastmeter/shared';
import { registerPatient } from '../../../domain/patients/register-patient.ts';
import { defineRoute } from '../../route.ts';
import { CompoundParams } from './params.ts';

export const registerPatientRoute = defineRoute({
  method: 'post',
  path: '/api/v1/compounds/:compoundId/patients',
  summary: "Register a special-needs patient in the compound (the compound's gatekeeper, admin)",
  tags: ['patients'],
  auth: 'session',
  params: CompoundParams,
  body: RegisterPatientBody,
  success: { status: 201, description: 'Registered; identity masked', schema: PatientView },
  handler: ({ actor, app, params, body }) =>
    registerPatient({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      compoundId: params.compoundId,
      input: body,
    }),
});
