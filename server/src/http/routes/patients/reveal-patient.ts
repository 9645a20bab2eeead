import { RevealBody, RevealedIdentity } from '@lastmeter/shared';
import { revealPatientIdentity } from '../../../domain/patients/reveal-patient-identity.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const revealPatientRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/reveal',
  summary:
    "Show the full name, ID number and phone (the compound's gatekeeper, the district's dispatcher, admin); audited",
  tags: ['patients'],
  auth: 'session',
  params: PatientParams,
  body: RevealBody,
  success: { status: 200, description: 'The unmasked identity', schema: RevealedIdentity },
  handler: ({ actor, app, params, body }) =>
    revealPatientIdentity({ db: app.db, actor, patientId: params.patientId, reason: body.reason }),
});
