import { PatientView, UpdatePatientBody } from '@lastmeter/shared';
import { updatePatient } from '../../../domain/patients/update-patient.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const updatePatientRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/patients/:patientId',
  summary: "Correct a patient's identity, address, mobility, infection class or consent (gatekeeper, admin)",
  tags: ['patients'],
  auth: 'session',
  params: PatientParams,
  body: UpdatePatientBody,
  success: { status: 200, description: 'Updated', schema: PatientView },
  handler: ({ actor, app, params, body }) =>
    updatePatient({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      patientId: params.patientId,
      input: body,
    }),
});
