import { compounds, noticeAttempts, notices, onlineVisits, patients, trips } from '@lastmeter/db';
import type { NoticeQuery, NoticeView } from '@lastmeter/shared';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize, authorizeRecord } from '../authorize.ts';
import { maskName, maskPhone } from '../mask-identity.ts';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';
import { loadPatientFor } from '../patients/load-scope.ts';
import { seesFullName } from '../patients/present-patient.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';

/**
 * The notices of a compound (its gatekeeper), a district (dispatch), one household, one round trip or
 * one online visit (either), with every attempt: the gate can tell a household what was sent and when,
 * and why not. Names and numbers masked, and a visit's join link shown only to whom the visit shows it
 * (the compound's gatekeeper); the read is audited.
 */
export async function listNotices(use: Acting & { query: NoticeQuery }): Promise<NoticeView[]> {
  const { db, actor, query } = use;
  const filters: SQL[] = [];
  const patientsOf = (c: { districtId: string; compoundId: string }) =>
    ({ kind: 'patient', districtId: c.districtId, compoundId: c.compoundId }) as const;
  /** The read of a trip's or a visit's notices is the read of its patient's records. */
  const authorizePatientOf = async (name: string, id: string, of: typeof trips | typeof onlineVisits) => {
    const [row] = await joinPatientCompound(
      db.select({ compoundId: compounds.id, districtId: compounds.districtId }).from(of).$dynamic(),
      of.patientId,
    ).where(eq(of.id, id));
    await authorizeRecord(
      db,
      actor,
      { name, id, row, seen: patientsOf, action: 'read' },
      { entity: 'patient', detail: { query } },
    );
  };
  if (query.tripId) {
    await authorizePatientOf('Trip', query.tripId, trips);
    filters.push(eq(notices.tripId, query.tripId));
  } else if (query.patientId) {
    // A household outside the caller's scope answers 404, as every patient record does.
    await loadPatientFor(db, actor, query.patientId, 'read', 'notices.read');
    filters.push(eq(notices.patientId, query.patientId));
  } else if (query.onlineVisitId) {
    await authorizePatientOf('Online visit', query.onlineVisitId, onlineVisits);
    filters.push(eq(notices.onlineVisitId, query.onlineVisitId));
  } else if (query.compoundId) {
    const [compound] = await db
      .select({ districtId: compounds.districtId, compoundId: compounds.id })
      .from(compounds)
      .where(eq(compounds.id, query.compoundId));
    await authorizeRecord(
      db,
      actor,
      {
        name: 'Compound',
        id: query.compoundId,
        row: compound,
        seen: (c) => ({ kind: 'compound', ...c }),
        action: 'read',
        resource: patientsOf,
      },
      { entity: 'patient', detail: { query } },
    );
    filters.push(eq(notices.compoundId, query.compoundId));
  } else if (query.districtId) {
    await authorize(db, actor, 'read', { kind: 'dispatch', districtId: query.districtId });
    filters.push(eq(notices.districtId, query.districtId));
  } else
    throw errors.field('query.compoundId', 'give compoundId, districtId, tripId, patientId or onlineVisitId');
  if (query.status) filters.push(eq(notices.status, query.status));
  const rows = await db
    .select({ notice: notices, name: patients.name })
    .from(notices)
    .innerJoin(patients, eq(patients.id, notices.patientId))
    .where(and(...filters))
    .orderBy(desc(notices.createdAt))
    .limit(query.limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(noticeAttempts)
        .where(
          inArray(
            noticeAttempts.noticeId,
            rows.map((r) => r.notice.id),
          ),
        )
        .orderBy(asc(noticeAttempts.id))
    : [];
  await recordAudit(db, {
    actor,
    action: 'notices.read',
    entity: query.tripId
      ? 'trip'
      : query.onlineVisitId
        ? 'online_visit'
        : query.patientId
          ? 'patient'
          : query.compoundId
            ? 'compound'
            : 'district',
    entityId:
      query.tripId ?? query.onlineVisitId ?? query.patientId ?? query.compoundId ?? query.districtId ?? null,
    outcome: 'allowed',
    detail: { count: rows.length },
  });
  return rows.map(({ notice: n, name }) => ({
    id: n.id,
    tripId: n.tripId,
    onlineVisitId: n.onlineVisitId,
    patientId: n.patientId,
    patient: maskName(name),
    kind: n.kind,
    recipient: n.recipient,
    phone: maskPhone(n.phone),
    body:
      n.params.joinLink && !seesFullName(actor, n.compoundId)
        ? n.body.replaceAll(n.params.joinLink, '/v/…')
        : n.body,
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: n.status === 'queued' || n.status === 'failed' ? n.nextAttemptAt.toISOString() : null,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    history: attempts
      .filter((a) => a.noticeId === n.id)
      .map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, provider: a.provider, detail: a.detail })),
  }));
}
