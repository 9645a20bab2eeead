import { compounds, patients } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';

/**
 * Joins the patient a row names and the patient's compound (with its district): the scope every
 * record about a patient is read, authorized and routed in. `query` is a dynamic select
 * (`db.select(…).from(…).$dynamic()`); `patientId` the column of its table that names the patient.
 */
export function joinPatientCompound<T extends PgSelect>(query: T, patientId: AnyPgColumn) {
  return query
    .innerJoin(patients, eq(patients.id, patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId));
}
