import { randomUUID } from 'node:crypto';
import { type Db, deliveries, districts, legs, queryRows, requests, vehicles } from '@lastmeter/db';
import {
  BOOKED_DELIVERY_STATUSES,
  BOOKED_LEG_STATUSES,
  type ScheduleViolation,
  type SoftScheduleRule,
} from '@lastmeter/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { checkVehicleSchedule, type GateLeg, type GateVehicle } from '../../planner/domain/check-schedule.ts';
import { travelModel } from '../travel/travel-model.ts';
import { type DeliveryContext, loadDeliveryContexts } from './load-delivery.ts';
import { type LegContext, loadLegContexts } from './load-leg.ts';

/**
 * The schedule gate: ONE check for every write that changes what a vehicle carries when (plan commit,
 * manual assign and reassign, insertion, decline and re-insertion, breakdown, will-call release).
 * `applyLegStep` notes each leg booked or moved onto a vehicle; `TripEvents.commit`, the last thing
 * every such transaction does, runs `enforceScheduleGate`: each noted vehicle's schedule, as it now
 * stands in the transaction, goes through the planner's exact route check (`checkVehicleSchedule`)
 * under its district's policy. A broken rule throws 409 `schedule_rule` naming the rule, the vehicle
 * and the legs in the way, and the transaction rolls back: nothing is written.
 */

interface GateState {
  /** Vehicle → the legs booked or moved onto it, and their days. */
  vehicles: Map<string, { legIds: Set<string>; dates: Set<string> }>;
  /** Vehicles whose rows this transaction has locked (`lockVehicles`). */
  locked: Set<string>;
  allow: Set<SoftScheduleRule>;
  deferred: boolean;
}

const states = new WeakMap<Db, GateState>();
const BOOKED = [...BOOKED_LEG_STATUSES];

/**
 * Notes that a leg — or a medicine delivery, by its id — is being booked or moved onto a vehicle in
 * this transaction.
 */
export async function noteScheduleChange(
  tx: Db,
  change: { vehicleId: string; legId: string; date: string },
): Promise<void> {
  const state = stateOf(tx);
  const entry = state.vehicles.get(change.vehicleId) ?? { legIds: new Set(), dates: new Set() };
  entry.legIds.add(change.legId);
  entry.dates.add(change.date);
  state.vehicles.set(change.vehicleId, entry);
}

/**
 * Defers the booking exclusions to commit, for a change that moves many legs between runs and
 * vehicles (a plan): the database then judges the day as it stands at commit, not each row half-way.
 * A single booking keeps them immediate, so concurrent bookings of one vehicle queue on the row.
 */
export async function deferBookingChecks(tx: Db): Promise<void> {
  const state = stateOf(tx);
  if (state.deferred) return;
  state.deferred = true;
  await tx.execute(
    sql`set constraints legs_no_vehicle_overlap, legs_no_driver_overlap, legs_no_patient_overlap deferred`,
  );
}

/**
 * Lets this transaction's changes break these soft rules: a dispatcher's explicit override (the
 * caller audits the reason), or the planner's own weighing of the 120 reserve.
 */
export function allowSoftRules(tx: Db, rules: readonly SoftScheduleRule[]): void {
  for (const rule of rules) stateOf(tx).allow.add(rule);
}

function stateOf(tx: Db): GateState {
  let state = states.get(tx);
  if (!state) {
    state = { vehicles: new Map(), locked: new Set(), allow: new Set(), deferred: false };
    states.set(tx, state);
  }
  return state;
}

/**
 * Locks these vehicles' rows, in id order. Whatever changes a vehicle's schedule holds its row until
 * commit, so two changes to one vehicle are checked one after the other (the second sees the first's
 * bookings), and two changes touching the same vehicles take them in the same order: they queue
 * instead of deadlocking. A plan locks its whole fleet before it moves any leg.
 */
export async function lockVehicles(tx: Db, vehicleIds: Iterable<string>): Promise<void> {
  const state = stateOf(tx);
  const ids = [...new Set(vehicleIds)].filter((id) => !state.locked.has(id)).sort();
  if (ids.length === 0) return;
  await tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(inArray(vehicles.id, ids))
    .orderBy(vehicles.id)
    .for('update');
  for (const id of ids) state.locked.add(id);
}

/**
 * Checks every vehicle whose schedule this transaction changed, then regroups its runs. However many
 * vehicles changed (one for an insertion, the fleet for a plan), their rows, legs, parcels and runs
 * are read in one query each, and each vehicle's day goes through the same route check.
 */
export async function enforceScheduleGate(tx: Db, { now }: { now: Date }): Promise<void> {
  const state = states.get(tx);
  if (!state || state.vehicles.size === 0) return;
  const pending = new Map(state.vehicles);
  state.vehicles.clear();
  const ids = [...pending.keys()].sort();
  const dates = [...new Set([...pending.values()].flatMap((p) => [...p.dates]))];
  // The vehicles' rows are locked (in id order) as they are read; a row this transaction already
  // holds is simply read again. The reads go with the lock, in one round trip: the database runs them
  // in order, so they see the day as it stands once the rows are held.
  const [rows, booked, parcels, runs] = await Promise.all([
    tx
      .select({ vehicle: vehicles, policy: districts })
      .from(vehicles)
      .innerJoin(districts, eq(districts.id, vehicles.districtId))
      .where(inArray(vehicles.id, ids))
      .orderBy(vehicles.id)
      .for('update', { of: vehicles }),
    loadLegContexts(
      tx,
      and(inArray(legs.vehicleId, ids), inArray(legs.status, BOOKED), inArray(requests.date, dates)),
    ),
    // Parcels ride with the patients (issue 12): no seat, but never beside a close contact or a positive.
    loadDeliveryContexts(
      tx,
      and(
        inArray(deliveries.vehicleId, ids),
        inArray(deliveries.status, [...BOOKED_DELIVERY_STATUSES]),
        inArray(deliveries.date, dates),
      ),
    ),
    loadRuns(tx, ids),
  ]);
  for (const id of ids) state.locked.add(id);
  const allow = [...state.allow];
  for (const { vehicle, policy } of rows) {
    const { legIds: changed, dates: days } = pending.get(vehicle.id)!;
    const gateLegs: GateLeg[] = booked.flatMap((c) =>
      c.leg.vehicleId === vehicle.id && days.has(c.request.date)
        ? (gateLegOf(c, changed.has(c.leg.id)) ?? [])
        : [],
    );
    for (const c of parcels) {
      if (c.delivery.vehicleId !== vehicle.id || !days.has(c.delivery.date)) continue;
      const parcel = gateParcelOf(c, changed.has(c.delivery.id));
      if (parcel) gateLegs.push(parcel);
    }
    const violation = checkOneVehicle({ vehicle, policy, legs: gateLegs, now, allow });
    if (violation) throw errors.scheduleRule(violation);
  }
  for (const id of ids) await regroupRuns(tx, runs.get(id) ?? []);
}

/** The route check of one vehicle's day under its district's policy, with the server's travel model. */
export function checkOneVehicle({
  vehicle,
  policy,
  legs: gateLegs,
  now,
  allow,
}: {
  vehicle: typeof vehicles.$inferSelect;
  policy: Pick<typeof districts.$inferSelect, 'onePatientPerVehicle' | 'disinfectAfterEveryPassenger'>;
  legs: GateLeg[];
  now: Date;
  allow: SoftScheduleRule[];
}): ScheduleViolation | null {
  return checkVehicleSchedule({
    vehicle: gateVehicleOf(vehicle),
    legs: gateLegs,
    policy: {
      onePatientPerVehicle: policy.onePatientPerVehicle,
      disinfectAfterEveryPassenger: policy.disinfectAfterEveryPassenger,
    },
    now: now.getTime(),
    travel: travelModel(),
    allow,
  });
}

const windowOf = (from: Date | null, to: Date | null): [number, number] | null =>
  from && to ? [from.getTime(), to.getTime()] : null;

/** A booked leg as the route check sees it (null while it has no planned times). */
export function gateLegOf(c: LegContext, changed: boolean): GateLeg | null {
  if (!c.leg.plannedPickupAt || !c.leg.plannedDropoffAt) return null;
  const gate: [number, number] = [c.gate.lng, c.gate.lat];
  const hospital: [number, number] = [c.hospital.lng, c.hospital.lat];
  return {
    id: c.leg.id,
    from: c.leg.direction === 'outbound' ? gate : hospital,
    to: c.leg.direction === 'outbound' ? hospital : gate,
    pickupAt: c.leg.plannedPickupAt.getTime(),
    dropoffAt: c.leg.plannedDropoffAt.getTime(),
    mobility: c.patient.mobility,
    companions: c.patient.companions,
    infectionClass: c.patient.infectionClass,
    urgency: c.request.urgency,
    aboard: c.leg.status === 'on_board' || c.leg.status === 'arrived',
    changed,
    // What the patient is promised: arrival inside the appointment, pickup inside the return window.
    pickupWindow:
      c.leg.direction === 'return' ? windowOf(c.leg.pickupWindowStart, c.leg.pickupWindowEnd) : null,
    dropoffWindow:
      c.leg.direction === 'outbound' ? windowOf(c.leg.dropoffWindowStart, c.leg.dropoffWindowEnd) : null,
  };
}

/** A booked medicine delivery as the route check sees it: a load-free stop pair (null without planned times). */
export function gateParcelOf(c: DeliveryContext, changed: boolean): GateLeg | null {
  const { delivery: d } = c;
  if (!d.plannedPickupAt || !d.plannedDropoffAt) return null;
  return {
    id: d.id,
    from: [c.pharmacy.lng, c.pharmacy.lat],
    to: [c.gate.lng, c.gate.lat],
    pickupAt: d.plannedPickupAt.getTime(),
    dropoffAt: d.plannedDropoffAt.getTime(),
    mobility: 'walk',
    companions: 0,
    infectionClass: 'normal',
    urgency: 'scheduled',
    aboard: d.status === 'picked_up',
    changed,
    pickupWindow: windowOf(d.pickupWindowStart, d.pickupWindowEnd),
    dropoffWindow: windowOf(d.dropoffWindowStart, d.dropoffWindowEnd),
    parcel: true,
  };
}

/** A vehicle row as the route check sees it. */
export function gateVehicleOf(vehicle: typeof vehicles.$inferSelect): GateVehicle {
  return {
    id: vehicle.id,
    label: vehicle.plate,
    kind: vehicle.kind,
    seats: vehicle.seats,
    wheelchairPlaces: vehicle.wheelchairPlaces,
    stretchers: vehicle.stretchers,
    disinfectionMinutes: vehicle.disinfectionMinutes,
    base: [vehicle.baseLng, vehicle.baseLat],
    disinfectingUntil: vehicle.disinfectingUntil?.getTime() ?? null,
  };
}

interface RunRow {
  id: string;
  run_id: string;
  from: Date | string;
  to: Date | string;
}

/** Every booked leg of these vehicles (all days) with its run and booked range, per vehicle in time order. */
async function loadRuns(tx: Db, vehicleIds: string[]): Promise<Map<string, RunRow[]>> {
  const statuses = sql.join(
    BOOKED.map((s) => sql`${s}`),
    sql`, `,
  );
  const ids = sql.join(
    vehicleIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<RunRow & { vehicle_id: string }>(
    tx,
    sql`select vehicle_id, id, run_id, booked_from as "from", booked_to as "to" from ${legs}
        where vehicle_id in (${ids}) and status::text in (${statuses}) order by vehicle_id, booked_from, id`,
  );
  const byVehicle = new Map<string, RunRow[]>();
  for (const r of rows) {
    const list = byVehicle.get(r.vehicle_id);
    if (list) list.push(r);
    else byVehicle.set(r.vehicle_id, [r]);
  }
  return byVehicle;
}

/**
 * A run is what one vehicle carries over one stretch of overlapping bookings: the exclusion
 * constraints let legs overlap on a vehicle only within a run. After a change the vehicle's runs are
 * regrouped from its bookings as they now stand (each keeps the id most of its legs had), so a re-plan
 * never leaves a leg in a run it no longer overlaps, nor two overlapping legs in different runs.
 */
async function regroupRuns(tx: Db, rows: RunRow[]): Promise<void> {
  const groups: RunRow[][] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    const from = new Date(r.from).getTime();
    const to = new Date(r.to).getTime();
    if (groups.length === 0 || from >= end) {
      groups.push([]);
      end = to;
    } else end = Math.max(end, to);
    groups[groups.length - 1]!.push(r);
  }
  const used = new Set<string>();
  for (const group of groups) {
    const counts = new Map<string, number>();
    for (const r of group) if (!used.has(r.run_id)) counts.set(r.run_id, (counts.get(r.run_id) ?? 0) + 1);
    const runId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? randomUUID();
    used.add(runId);
    const moved = group.filter((r) => r.run_id !== runId).map((r) => r.id);
    if (moved.length) await tx.update(legs).set({ runId }).where(inArray(legs.id, moved));
  }
}
