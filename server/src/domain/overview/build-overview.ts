import {
  careNeeds,
  compounds,
  type Db,
  deliveries,
  hospitalSlotOverrides,
  hospitalSlots,
  hospitals,
  patients,
  requests,
} from '@lastmeter/db';
import {
  type CareWaysFigures,
  COMPOUND_LEVELS,
  type CompoundDemand,
  cityClockOf,
  INFECTION_CLASSES,
  isNeedServed,
  MOBILITIES,
  NEED_KINDS,
  type Overview,
  REQUEST_STATUSES,
  type RequestStatus,
  SERVICES,
  SERVING_DELIVERY_STATUSES,
  WAYS_OF_SERVICE,
} from '@lastmeter/shared';
import { and, count, countDistinct, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { effectiveCapacity } from '../hospitals/effective-capacity.ts';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The supply–demand picture for a set of compounds of one district on one date — aggregates only, never
 * an identity. A fixed handful of grouped queries whatever the number of compounds or hospitals.
 */
export async function buildOverview(
  db: Db,
  {
    districtId,
    compoundIds,
    date,
    timeZone,
  }: { districtId: string; compoundIds: string[] | 'all'; date: string; timeZone: string },
): Promise<Overview> {
  const compoundRows = await db
    .select({ id: compounds.id, name: compounds.name, level: compounds.level })
    .from(compounds)
    .where(
      and(
        eq(compounds.districtId, districtId),
        compoundIds === 'all' ? undefined : inArray(compounds.id, compoundIds),
      ),
    )
    .orderBy(compounds.name);
  const ids = compoundRows.map((c) => c.id);
  const inScope = ids.length ? inArray(patients.compoundId, ids) : sql`false`;

  const patientGroups = await db
    .select({
      compoundId: patients.compoundId,
      status: patients.status,
      mobility: patients.mobility,
      infection: patients.infectionClass,
      n: count(),
    })
    .from(patients)
    .where(and(inScope, inArray(patients.status, ['active', 'pending'])))
    .groupBy(patients.compoundId, patients.status, patients.mobility, patients.infectionClass);
  const needGroups = await db
    .select({ compoundId: patients.compoundId, kind: careNeeds.kind, n: countDistinct(patients.id) })
    .from(careNeeds)
    .innerJoin(patients, eq(patients.id, careNeeds.patientId))
    .where(and(inScope, eq(patients.status, 'active'), eq(careNeeds.active, true)))
    .groupBy(patients.compoundId, careNeeds.kind);
  const requestGroups = await db
    .select({
      compoundId: patients.compoundId,
      status: requests.status,
      urgency: requests.urgency,
      n: count(),
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(and(inScope, eq(requests.date, date)))
    .groupBy(patients.compoundId, requests.status, requests.urgency);

  const byCompound = new Map<string, CompoundDemand>(
    compoundRows.map((c) => [
      c.id,
      {
        compoundId: c.id,
        name: c.name,
        level: c.level,
        patients: {
          active: 0,
          pending: 0,
          byNeed: zeros(NEED_KINDS),
          byMobility: zeros(MOBILITIES),
          byInfection: zeros(INFECTION_CLASSES),
        },
        requests: { total: 0, emergency: 0, byStatus: zeros(REQUEST_STATUSES) },
      },
    ]),
  );
  for (const g of patientGroups) {
    const c = byCompound.get(g.compoundId);
    if (!c) continue;
    if (g.status === 'pending') {
      c.patients.pending += g.n;
      continue;
    }
    c.patients.active += g.n;
    c.patients.byMobility[g.mobility] += g.n;
    c.patients.byInfection[g.infection] += g.n;
  }
  for (const g of needGroups) {
    const c = byCompound.get(g.compoundId);
    if (c) c.patients.byNeed[g.kind] += g.n;
  }
  for (const g of requestGroups) {
    const c = byCompound.get(g.compoundId);
    if (!c) continue;
    c.requests.total += g.n;
    c.requests.byStatus[g.status] += g.n;
    if (g.urgency === 'emergency') c.requests.emergency += g.n;
  }
  const compoundList = [...byCompound.values()];

  const levels = COMPOUND_LEVELS.map((level) => {
    const at = compoundList.filter((c) => c.level === level);
    return { level, compounds: at.length, patients: at.reduce((sum, c) => sum + c.patients.active, 0) };
  });

  return {
    date,
    districtId,
    totals: {
      compounds: compoundList.length,
      activePatients: compoundList.reduce((s, c) => s + c.patients.active, 0),
      pendingPatients: compoundList.reduce((s, c) => s + c.patients.pending, 0),
      requests: compoundList.reduce((s, c) => s + c.requests.total, 0),
    },
    compounds: compoundList,
    levels,
    careWays: await careWaysFigures(db, { ids, date }),
    ...(await supplySide(db, { districtId, ids, date, timeZone })),
  };
}

/** Reasons that say why a hospital was chosen: an unserved request holding one found no vehicle. */
const CHOSEN = new Set([
  'requested_hospital',
  'regular_hospital',
  'nearest_capable',
  'chosen_by_caller',
  'need_hospital',
]);

/** Why a request is still unmet: its recorded reason, `no_vehicle` when only its hospital was found, `waiting` when not booked yet. */
function unmetReason(status: RequestStatus, code: string | null): string {
  if (status !== 'unserved') return 'waiting';
  if (!code || CHOSEN.has(code)) return 'no_vehicle';
  return code;
}

/** The day's needs by the way they are served — booked or done against unmet — and the unmet ones by reason. */
async function careWaysFigures(
  db: Db,
  { ids, date }: { ids: string[]; date: string },
): Promise<CareWaysFigures> {
  const inScope = ids.length ? inArray(patients.compoundId, ids) : sql`false`;
  // A request served by delivery keeps its status: its delivery says whether it is on its way (or why not).
  const serving = sql.join(
    SERVING_DELIVERY_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  const delivered = sql<boolean>`exists (select 1 from ${deliveries} d where d.request_id = ${requests.id}
    and d.status::text in (${serving}))`;
  const deliveryReason = sql<string | null>`(select d.unserved_reason->>'code' from ${deliveries} d
    where d.request_id = ${requests.id} and d.status = 'pending' limit 1)`;
  const groups = await db
    .select({
      serveBy: requests.serveBy,
      status: requests.status,
      reason: sql<string | null>`${requests.matchReason}->>'code'`,
      deliveryReason,
      delivered,
      n: count(),
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(and(inScope, eq(requests.date, date), ne(requests.status, 'cancelled')))
    .groupBy(requests.serveBy, requests.status, sql`3`, sql`4`, sql`5`);
  const byWay = Object.fromEntries(
    WAYS_OF_SERVICE.map((way) => [way, { total: 0, served: 0, unmet: 0 }]),
  ) as CareWaysFigures['byWay'];
  const unmetByReason: Record<string, number> = {};
  for (const g of groups) {
    const way = byWay[g.serveBy];
    way.total += g.n;
    if (isNeedServed(g, g.delivered)) {
      way.served += g.n;
      continue;
    }
    way.unmet += g.n;
    const reason = (g.serveBy === 'delivery' && g.deliveryReason) || unmetReason(g.status, g.reason);
    unmetByReason[reason] = (unmetByReason[reason] ?? 0) + g.n;
  }
  return { byWay, unmetByReason };
}

/** Per hospital and service: the date's capacity per slot against the requests arriving in it. */
async function supplySide(
  db: Db,
  { districtId, ids, date, timeZone }: { districtId: string; ids: string[]; date: string; timeZone: string },
): Promise<Pick<Overview, 'hospitals' | 'unmatched'>> {
  const inScope = ids.length ? inArray(patients.compoundId, ids) : sql`false`;
  const live = ne(requests.status, 'cancelled');
  const unmatchedGroups = await db
    .select({ service: requests.service, n: count() })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(and(inScope, eq(requests.date, date), isNull(requests.hospitalId), eq(requests.status, 'open')))
    .groupBy(requests.service);
  const unmatched = zeros(SERVICES);
  for (const g of unmatchedGroups) unmatched[g.service] += g.n;

  // The district's own hospitals and any other its requests are booked to.
  const targeted = db
    .selectDistinct({ id: requests.hospitalId })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(and(inScope, eq(requests.date, date), live));
  const hospitalRows = await db
    .select()
    .from(hospitals)
    .where(or(eq(hospitals.districtId, districtId), inArray(hospitals.id, targeted)))
    .orderBy(hospitals.name);
  if (!hospitalRows.length) return { hospitals: [], unmatched };
  const hospitalIds = hospitalRows.map((h) => h.id);

  const template = await db
    .select()
    .from(hospitalSlots)
    .where(and(inArray(hospitalSlots.hospitalId, hospitalIds), eq(hospitalSlots.channel, 'on_site')));
  const overrides = await db
    .select()
    .from(hospitalSlotOverrides)
    .where(
      and(
        inArray(hospitalSlotOverrides.hospitalId, hospitalIds),
        eq(hospitalSlotOverrides.channel, 'on_site'),
        eq(hospitalSlotOverrides.date, date),
      ),
    );
  // Grouped by appointment (the end of the arrival window, as hospital matching counts it): a handful of
  // rows per hospital, bucketed into local-time slots below.
  const demandGroups = await db
    .select({
      hospitalId: requests.hospitalId,
      service: requests.service,
      appointmentAt: requests.windowEnd,
      n: count(),
      inScope: sql<number>`count(*) filter (where ${inScope})`.mapWith(Number),
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(
      and(
        inArray(requests.hospitalId, hospitalIds),
        eq(requests.date, date),
        live,
        // Only patients who come take an on-site place; online visits count against online slots.
        eq(requests.serveBy, 'trip'),
      ),
    )
    .groupBy(requests.hospitalId, requests.service, requests.windowEnd);

  const hospitalsOut = hospitalRows.map((h) => {
    const slots = effectiveCapacity(
      date,
      template.filter((s) => s.hospitalId === h.id),
      overrides.filter((s) => s.hospitalId === h.id),
    );
    const demand = demandGroups.filter((d) => d.hospitalId === h.id);
    const services = SERVICES.filter(
      (service) => slots.some((s) => s.service === service) || demand.some((d) => d.service === service),
    ).map((service) => {
      const serviceSlots = slots
        .filter((s) => s.service === service)
        .map((s) => ({
          startTime: s.startTime,
          endTime: s.endTime,
          capacity: s.capacity,
          demand: 0,
          demandInScope: 0,
        }));
      let outsideSlots = 0;
      for (const d of demand.filter((x) => x.service === service)) {
        const clock = cityClockOf(d.appointmentAt, timeZone);
        const slot = serviceSlots.find((s) => s.startTime <= clock && clock < s.endTime);
        if (!slot) {
          outsideSlots += d.n;
          continue;
        }
        slot.demand += d.n;
        slot.demandInScope += d.inScope;
      }
      return {
        service,
        capacity: serviceSlots.reduce((sum, s) => sum + s.capacity, 0),
        demand: serviceSlots.reduce((sum, s) => sum + s.demand, 0) + outsideSlots,
        slots: serviceSlots,
        outsideSlots,
      };
    });
    return {
      hospitalId: h.id,
      name: h.name,
      status: h.status,
      crowding: h.crowding,
      acceptsPositive: h.acceptsPositive,
      services,
    };
  });
  return { hospitals: hospitalsOut, unmatched };
}
