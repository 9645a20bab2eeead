import type { AnyRoute } from '../../route.ts';

/** Patients and care needs, requests, spreadsheet import, self-registration. */
export const patientRoutes: AnyRoute[] = [];
