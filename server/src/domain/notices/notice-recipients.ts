import { compounds, noticeSettings, patients } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';

/**
 * What a notice's recipients are read from: the patient's phone and consent, their compound and
 * district (the rooms a notice is listed in), and the household's notice settings (opted out, the
 * family's phone). Select them beside a record's own columns and join them with `joinNoticeRecipients`.
 */
export const noticeRecipientColumns = {
  patientId: patients.id,
  phone: patients.phone,
  consent: patients.consent,
  compoundId: compounds.id,
  districtId: compounds.districtId,
  optedOut: noticeSettings.optedOut,
  familyPhone: noticeSettings.familyPhone,
};

/** Joins the recipient columns to a dynamic select on a record that names the patient (`patientId`). */
export function joinNoticeRecipients<T extends PgSelect>(query: T, patientId: AnyPgColumn) {
  return joinPatientCompound(query, patientId).leftJoin(
    noticeSettings,
    eq(noticeSettings.patientId, patients.id),
  );
}
