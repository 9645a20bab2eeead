import type { AnyRoute } from '../../route.ts';
import { addCareNeedRoute } from '../patients/add-care-need.ts';
import { archivePatientRoute } from '../patients/archive-patient.ts';
import { createRequestRoute } from '../patients/create-request.ts';
import { deactivateCareNeedRoute } from '../patients/deactivate-care-need.ts';
import { generateRequestsRoute } from '../patients/generate-requests.ts';
import { getPatientRoute } from '../patients/get-patient.ts';
import { getSelfRegistrationFormRoute } from '../patients/get-self-registration-form.ts';
import { importPatientsRoute } from '../patients/import-patients.ts';
import { listPatientsRoute } from '../patients/list-patients.ts';
import { listRequestsRoute } from '../patients/list-requests.ts';
import { registerPatientRoute } from '../patients/register-patient.ts';
import { rejectPatientRoute } from '../patients/reject-patient.ts';
import { revealPatientRoute } from '../patients/reveal-patient.ts';
import { selfRegistrationLinkRoute } from '../patients/self-registration-link.ts';
import { selfRegistrationQrRoute } from '../patients/self-registration-qr.ts';
import { submitSelfRegistrationRoute } from '../patients/submit-self-registration.ts';
import { updateCareNeedRoute } from '../patients/update-care-need.ts';
import { updatePatientRoute } from '../patients/update-patient.ts';
import { verifyPatientRoute } from '../patients/verify-patient.ts';

/** Patients and care needs, requests, spreadsheet import, self-registration. */
export const patientRoutes: AnyRoute[] = [
  registerPatientRoute,
  listPatientsRoute,
  importPatientsRoute,
  getPatientRoute,
  updatePatientRoute,
  archivePatientRoute,
  revealPatientRoute,
  addCareNeedRoute,
  updateCareNeedRoute,
  deactivateCareNeedRoute,
  verifyPatientRoute,
  rejectPatientRoute,
  createRequestRoute,
  generateRequestsRoute,
  listRequestsRoute,
  selfRegistrationLinkRoute,
  selfRegistrationQrRoute,
  getSelfRegistrationFormRoute,
  submitSelfRegistrationRoute,
];
