import { careNeeds, compounds, type Db, districts, patients, requests } from '@lastmeter/db';
import { careWaysFor, type GenerateRequestsResult, rooms } from '@lastmeter/shared';
import { and, count, eq, isNotNull, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordEvent } from '../events/record-event.ts';
import { authorizeCompound } from '../patients/load-scope.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { careWaysInputOf } from './care-ways-of-request.ts';
import { requestForNeedOn } from './schedule-rules.ts';

const CHUNK = 1000;

/**
 * Creates the day's requests from the active needs of active patients. Idempotent: the unique
 * (need_id, date) index and ON CONFLICT DO NOTHING make a second run (or a second node) a no-op.
 */
export async function generateDailyRequests(
  use: Acting & {
    districtId?: string | undefined;
    compoundId?: string | undefined;
    date: string;
    /** The city's time zone (config `TIME_ZONE`): appointment times are on its clock. */
    timeZone: string;
  },
): Promise<GenerateRequestsResult> {
  const { db, actor, districtId, compoundId, date, timeZone } = use;
  const scope = await authorizeScope(db, actor, districtId, compoundId);

  const inScope: SQL = scope.compoundId
    ? eq(patients.compoundId, scope.compoundId)
    : eq(compounds.districtId, scope.districtId);
  const needs = await db
    .select({
      id: careNeeds.id,
      kind: careNeeds.kind,
      schedule: careNeeds.schedule,
      hospitalId: careNeeds.hospitalId,
      serveBy: careNeeds.serveBy,
      patientId: patients.id,
      regularHospitalId: patients.regularHospitalId,
    })
    .from(careNeeds)
    .innerJoin(patients, eq(patients.id, careNeeds.patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(and(inScope, eq(careNeeds.active, true), eq(patients.status, 'active')));

  const values = needs.flatMap((need) => {
    const r = requestForNeedOn(need, date, timeZone);
    if (!r) return [];
    const hospitalId = need.hospitalId ?? need.regularHospitalId;
    // The need's own way while the rule allows it on this date (a pregnancy moves on by week), else the kind's default.
    const ways = careWaysFor(careWaysInputOf({ service: r.service, urgency: 'scheduled', date }, need));
    const serveBy = need.serveBy && ways.allowed.includes(need.serveBy) ? need.serveBy : ways.preferred;
    return [
      {
        patientId: need.patientId,
        needId: need.id,
        service: r.service,
        date,
        urgency: 'scheduled' as const,
        windowStart: r.windowStart,
        windowEnd: r.windowEnd,
        returnMode: r.returnMode,
        treatmentMinutes: r.treatmentMinutes,
        hospitalId,
        matchReason: hospitalId ? { code: need.hospitalId ? 'need_hospital' : 'regular_hospital' } : null,
        serveBy,
        source: 'schedule',
        createdBy: actor.accountId,
      },
    ];
  });

  return db.transaction(async (tx) => {
    let created = 0;
    for (let i = 0; i < values.length; i += CHUNK) {
      const inserted = await tx
        .insert(requests)
        .values(values.slice(i, i + CHUNK))
        .onConflictDoNothing({ target: [requests.needId, requests.date] })
        .returning({ id: requests.id });
      created += inserted.length;
    }
    const [total] = await tx
      .select({ n: count() })
      .from(requests)
      .innerJoin(patients, eq(patients.id, requests.patientId))
      .innerJoin(compounds, eq(compounds.id, patients.compoundId))
      .where(and(inScope, eq(requests.date, date), isNotNull(requests.needId)));
    await recordAudit(tx, {
      actor,
      action: 'generate_requests',
      entity: 'request',
      outcome: 'allowed',
      detail: { ...scope, date, created },
    });
    if (created > 0) {
      await recordEvent(tx, {
        type: 'requests.generated',
        payload: { ...scope, date, created },
        actorId: actor.accountId,
        recipients: [
          rooms.district(scope.districtId),
          ...(scope.compoundId ? [rooms.compound(scope.compoundId)] : []),
        ],
      });
    }
    return { date, created, total: total?.n ?? 0 };
  });
}

/** The compound or district whose requests are generated, if the actor may write them (`authorizeRecord`). */
async function authorizeScope(
  db: Db,
  actor: Actor,
  districtId: string | undefined,
  compoundId: string | undefined,
): Promise<{ districtId: string; compoundId: string | null }> {
  if (compoundId) {
    const compound = await authorizeCompound(
      db,
      actor,
      compoundId,
      'write',
      (c) => ({ kind: 'request', districtId: c.districtId, compoundId: c.id }),
      { entity: 'request' },
    );
    return { districtId: compound.districtId, compoundId };
  }
  if (!districtId) throw errors.field('body.districtId', 'give exactly one of districtId and compoundId');
  // A whole district is dispatch's: the policy answers before the district is looked up, so a district
  // outside the caller's scope and one that does not exist get the same 403.
  await authorize(
    db,
    actor,
    'write',
    { kind: 'request', districtId, compoundId: null },
    { entity: 'request' },
  );
  const [district] = await db
    .select({ id: districts.id })
    .from(districts)
    .where(eq(districts.id, districtId));
  if (!district) throw errors.notFound('District');
  return { districtId, compoundId: null };
}
