import { DeliveryView, PatientPrescriptionParams, PrescriptionInput } from '@lastmeter/shared';
import { createPrescription } from '../../../domain/deliveries/create-prescription.ts';
import { defineRoute } from '../../route.ts';

export const createPrescriptionRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/prescriptions',
  summary:
    'Enter a prescription (e.g. the gatekeeper copying a paper list): it becomes a medicine delivery from the pharmacy to the gate (gatekeeper, dispatch, hospital desk)',
  tags: ['deliveries'],
  auth: 'session',
  params: PatientPrescriptionParams,
  body: PrescriptionInput,
  success: { status: 201, description: 'The delivery, waiting for a vehicle', schema: DeliveryView },
  handler: ({ actor, app, params, body }) =>
    createPrescription({
      db: app.db,
      actor,
      patientId: params.patientId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});
