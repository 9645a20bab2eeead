import { PatientList, PatientListQuery } from '@lastmeter/shared';
import { listPatients } from '../../../domain/patients/list-patients.ts';
import { defineRoute } from '../../route.ts';
import { CompoundParams } from './params.ts';

export const listPatientsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/patients',
  summary:
    "A compound's patients, filtered by need, status and name (gatekeeper, district dispatcher, admin); audited",
  tags: ['patients'],
  auth: 'session',
  params: CompoundParams,
  query: PatientListQuery,
  success: { status: 200, description: 'Patients, identity masked', schema: PatientList },
  handler: ({ actor, app, params, query }) =>
    listPatients({ db: app.db, actor, compoundId: params.compoundId, query }),
});
