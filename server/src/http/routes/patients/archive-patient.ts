import { PatientView } from '@lastmeter/shared';
import { archivePatient } from '../../../domain/patients/archive-patient.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from './params.ts';

export const archivePatientRoute = defineRoute({
  method: 'post',
  path: '/api/v1/patients/:patientId/archive',
  summary: 'Take a patient out of planning; the record stays (gatekeeper, admin)',
  tags: ['patients'],
  auth: 'session',
  params: PatientParams,
  success: { status: 200, description: 'Archived', schema: PatientView },
  handler: ({ actor, app, params }) => archivePatient({ db: app.db, actor, patientId: params.patientId }),
});
