import { complaints, type Db, hospitals } from '@lastmeter/db';
import {
  type ComplaintQuery,
  type ComplaintReport,
  type ComplaintView,
  cityDateOf,
  cityInstant,
} from '@lastmeter/shared';
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { complaintScope } from './complaint-scope.ts';
import { presentComplaint } from './present-complaint.ts';

const DAY_MS = 86_400_000;
/** A report covers at most a quarter; the commission asks per day, a script cannot pull years. */
const MAX_DAYS = 92;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Complaints and refusals by hospital and local day for the health commission (seed 002): the
 * totals per hospital and day, and every record with its outcome.
 */
export async function getComplaintReport({
  db,
  actor,
  query,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  query: ComplaintQuery;
  timeZone: string;
  /** The server's clock (server/src/clock.ts): the default period ends on its day. */
  now: Date;
}): Promise<ComplaintReport> {
  const scope = await complaintScope(db, actor, query.districtId);
  const to = query.to ?? cityDateOf(now, timeZone);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw errors.field('query.from', 'must not be after `to`');
  if (Date.parse(to) - Date.parse(from) >= MAX_DAYS * DAY_MS)
    throw errors.field('query.from', `the period is at most ${MAX_DAYS} days`);
  const filters: SQL[] = [
    gte(complaints.occurredAt, cityInstant(from, '00:00', timeZone)),
    lt(complaints.occurredAt, cityInstant(addDays(to, 1), '00:00', timeZone)),
  ];
  if (scope) filters.push(scope);
  if (query.hospitalId) filters.push(eq(complaints.hospitalId, query.hospitalId));
  const rows = await db
    .select({ complaint: complaints, hospitalName: hospitals.name })
    .from(complaints)
    .innerJoin(hospitals, eq(hospitals.id, complaints.hospitalId))
    .where(and(...filters))
    .orderBy(asc(hospitals.name), asc(complaints.occurredAt))
    .limit(10_000);
  const records = rows.map((r) =>
    presentComplaint({ ...r.complaint, hospitalName: r.hospitalName }, timeZone),
  );
  return { from, to, rows: totalsByHospitalDay(records), complaints: records };
}

export function totalsByHospitalDay(records: ComplaintView[]): ComplaintReport['rows'] {
  const byKey = new Map<string, ComplaintReport['rows'][number]>();
  for (const c of records) {
    const key = `${c.hospitalName}\u0000${c.hospitalId}\u0000${c.day}`;
    const row = byKey.get(key) ?? {
      hospitalId: c.hospitalId,
      hospitalName: c.hospitalName,
      day: c.day,
      total: 0,
      refusals: 0,
      forbiddenGrounds: 0,
      open: 0,
    };
    row.total += 1;
    if (c.kind === 'refused_at_gate') row.refusals += 1;
    if (c.forbiddenGround) row.forbiddenGrounds += 1;
    if (c.status === 'open') row.open += 1;
    byKey.set(key, row);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
