import type { AnyRoute } from '../../route.ts';
import { addCareNeedRoute } from './add-care-need.ts';
import { archivePatientRoute } from './archive-patient.ts';
import { createRequestRoute } from './create-request.ts';
import { deactivateCareNeedRoute } from './deactivate-care-need.ts';
import { generateRequestsRoute } from './generate-requests.ts';
import { getPatientRoute } from './get-patient.ts';
import { getSelfRegistrationFormRoute } from './get-self-registration-form.ts';
import { importPatientsRoute } from './import-patients.ts';
import { listPatientsRoute } from './list-patients.ts';
import { listRequestsRoute } from './list-requests.ts';
import { registerPatientRoute } from './register-patient.ts';
import { rejectPatientRoute } from './reject-patient.ts';
import { revealPatientRoute } from './reveal-patient.ts';
import { selfRegistrationLinkRoute } from './self-registration-link.ts';
import { selfRegistrationQrRoute } from './self-registration-qr.ts';
import { submitSelfRegistrationRoute } from './submit-self-registration.ts';
import { updateCareNeedRoute } from './update-care-need.ts';
import { updatePatientRoute } from './update-patient.ts';
import { verifyPatientRoute } from './verify-patient.ts';

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
