import { PatientView } from '@lastmeter/shared';
import { getPatient } from '../../../domain/patients/get-patient.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const getPatientRoute = defineRoute({
  method: 'get',
  path: '/api/v1/patients/:patientId',
  summary: 'One patient with care needs (gatekeeper, district dispatcher, admin); audited',
  tags: ['patients'],
  auth: 'session',
  params: PatientParams,
  success: { status: 200, description: 'The patient, identity masked', schema: PatientView },
  handler: ({ actor, app, params }) => getPatient({ db: app.db, actor, patientId: params.patientId }),
});
