import { BOOKED_LEG_STATUSES, type LegStatus } from '@lastmeter/shared';
import type { DistrictPolicy, LegRow, Snapshot, VehicleRow } from './snapshot.ts';

/** The invariants of a lockdown day (issue 17 §6, docs/product.md rules 1–5 and 7, the realtime contract). */
export const INVARIANTS = [
  'infection_separation',
  'capacity',
  'vehicle_kind',
  'disinfection_gap',
  'double_booking',
  'planned_in_past',
  'requests_accounted',
  'event_delivery',
  'scope_following',
  'http_status',
  'wrong_party_accepted',
  'lifecycle_order',
  'step_time_guard',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

/** What one check found wrong; `key` identifies the same breach across operations. */
export interface Finding {
  invariant: Invariant;
  key: string;
  detail: string;
  legIds: string[];
  vehicleId?: string;
}

const BOOKED = BOOKED_LEG_STATUSES as readonly LegStatus[];
const ABOARD: readonly LegStatus[] = ['on_board', 'arrived', 'refused_at_gate'];
/** Planned times may be rounded to the planner's minute: a minute's grace before the operation began. */
export const PAST_GRACE_MS = 60_000;

const NO_POLICY: DistrictPolicy = { onePatientPerVehicle: false, disinfectAfterEveryPassenger: false };

function loadOf(leg: LegRow) {
  return {
    seats: (leg.mobility === 'walk' ? 1 : 0) + leg.companions,
    wheelchair: leg.mobility === 'wheelchair' ? 1 : 0,
    stretcher: leg.mobility === 'stretcher' ? 1 : 0,
  };
}

function dirty(leg: LegRow, policy: DistrictPolicy): boolean {
  return leg.infectionClass !== 'normal' || policy.disinfectAfterEveryPassenger;
}

function byVehicle(legs: LegRow[]): Map<string, LegRow[]> {
  const groups = new Map<string, LegRow[]>();
  for (const leg of legs) {
    if (!leg.vehicleId) continue;
    groups.set(leg.vehicleId, [...(groups.get(leg.vehicleId) ?? []), leg]);
  }
  return groups;
}

const ids = (legs: LegRow[]) => legs.map((l) => l.id).sort();
const iso = (ms: number | null) => (ms === null ? 'none' : new Date(ms).toISOString());

/**
 * Who rides together at each moment: on the schedule (booked legs over their planned pickup →
 * drop-off), and right now (legs whose patient is aboard).
 */
function occupancyFindings(
  label: string,
  vehicle: VehicleRow,
  groups: LegRow[][],
  policy: DistrictPolicy,
): Finding[] {
  const findings: Finding[] = [];
  for (const group of groups) {
    // A patient on two legs at once is a lifecycle breach (checkState); here they count once.
    const together = group.filter((l, i) => group.findIndex((o) => o.patientId === l.patientId) === i);
    if (together.length === 0) continue;
    const classes = new Set(together.map((l) => l.infectionClass));
    if (classes.size > 1) {
      findings.push({
        invariant: 'infection_separation',
        key: `infection|${label}|${vehicle.id}|${ids(together).join(',')}`,
        detail: `${label}: classes ${[...classes].join(' + ')} together on one vehicle`,
        legIds: ids(together),
        vehicleId: vehicle.id,
      });
    }
    const load = together.map(loadOf).reduce(
      (sum, l) => ({
        seats: sum.seats + l.seats,
        wheelchair: sum.wheelchair + l.wheelchair,
        stretcher: sum.stretcher + l.stretcher,
      }),
      { seats: 0, wheelchair: 0, stretcher: 0 },
    );
    const over: string[] = [];
    if (load.seats > vehicle.seats) over.push(`seats ${load.seats}/${vehicle.seats}`);
    if (load.wheelchair > vehicle.wheelchairPlaces)
      over.push(`wheelchair places ${load.wheelchair}/${vehicle.wheelchairPlaces}`);
    if (load.stretcher > vehicle.stretchers) over.push(`stretchers ${load.stretcher}/${vehicle.stretchers}`);
    if (policy.onePatientPerVehicle && together.length > 1)
      over.push(`patients ${together.length}/1 (一车一患者)`);
    if (over.length) {
      findings.push({
        invariant: 'capacity',
        key: `capacity|${label}|${vehicle.id}|${ids(together).join(',')}`,
        detail: `${label}: ${over.join(', ')}`,
        legIds: ids(together),
        vehicleId: vehicle.id,
      });
    }
  }
  return findings;
}

/** Sets of legs on the vehicle at once, at every planned pickup (intervals [pickup, drop-off)). */
function scheduleGroups(legs: LegRow[]): LegRow[][] {
  const timed = legs.filter((l) => l.plannedPickupAt !== null && l.plannedDropoffAt !== null);
  const groups = new Map<string, LegRow[]>();
  for (const leg of timed) {
    const t = leg.plannedPickupAt!;
    const together = timed.filter((o) => o.plannedPickupAt! <= t && t < o.plannedDropoffAt!);
    if (together.length > 1) groups.set(ids(together).join(','), together);
    else if (together.length === 1) groups.set(together[0]!.id, together);
  }
  return [...groups.values()];
}

/**
 * The state invariants, evaluated on one snapshot: infection separation, capacity, vehicle kind,
 * disinfection gaps and double booking.
 */
export function checkState(snapshot: Snapshot): Finding[] {
  const findings: Finding[] = [];
  const legsByVehicle = byVehicle(snapshot.legs);
  for (const [vehicleId, legs] of legsByVehicle) {
    const vehicle = snapshot.vehicles.get(vehicleId);
    if (!vehicle) continue;
    const policy = snapshot.policies.get(vehicle.districtId) ?? NO_POLICY;
    const booked = legs.filter((l) => BOOKED.includes(l.status));
    const aboard = legs.filter((l) => ABOARD.includes(l.status));
    findings.push(...occupancyFindings('schedule', vehicle, scheduleGroups(booked), policy));
    findings.push(...occupancyFindings('aboard now', vehicle, [aboard], policy));

    for (const leg of [...booked, ...aboard.filter((l) => !BOOKED.includes(l.status))]) {
      const why =
        leg.mobility === 'stretcher' ? 'stretcher patient' : leg.urgency === 'emergency' ? 'emergency' : null;
      if (why && vehicle.kind !== 'ambulance_120') {
        findings.push({
          invariant: 'vehicle_kind',
          key: `kind|${leg.id}|${vehicleId}`,
          detail: `${why} (${leg.direction}, ${leg.status}) on a ${vehicle.kind}`,
          legIds: [leg.id],
          vehicleId,
        });
      }
    }
    findings.push(...disinfectionFindings(vehicle, booked, legs, policy));
  }
  const aboardByPatient = new Map<string, LegRow[]>();
  for (const leg of snapshot.legs.filter((l) => ABOARD.includes(l.status)))
    aboardByPatient.set(leg.patientId, [...(aboardByPatient.get(leg.patientId) ?? []), leg]);
  for (const legs of aboardByPatient.values()) {
    if (legs.length < 2) continue;
    findings.push({
      invariant: 'lifecycle_order',
      key: `aboard-twice|${ids(legs).join(',')}`,
      detail: `one patient aboard on ${legs.length} legs at once (${legs.map((l) => `${l.direction} ${l.status}`).join(', ')})`,
      legIds: ids(legs),
      ...(legs[0]!.vehicleId ? { vehicleId: legs[0]!.vehicleId } : {}),
    });
  }
  findings.push(...doubleBookingFindings(snapshot.legs.filter((l) => BOOKED.includes(l.status))));
  return findings;
}

/**
 * Rule 3: once the vehicle empties after a passenger who needs disinfection, its next pickup waits
 * for the disinfection — on the schedule (planned times), and in fact (a patient boarded while the
 * vehicle was being disinfected, or a leg booked after the drop-off into the disinfection time).
 */
function disinfectionFindings(
  vehicle: VehicleRow,
  booked: LegRow[],
  all: LegRow[],
  policy: DistrictPolicy,
): Finding[] {
  const findings: Finding[] = [];
  const gap = vehicle.disinfectionMinutes * 60_000;
  const timed = booked
    .filter((l) => l.plannedPickupAt !== null && l.plannedDropoffAt !== null)
    .sort((a, b) => a.plannedPickupAt! - b.plannedPickupAt!);
  // Sweep: drop-offs before pickups at the same instant (the vehicle empties, then loads).
  const points = timed
    .flatMap((l) => [
      { t: l.plannedDropoffAt!, kind: 0, leg: l },
      { t: l.plannedPickupAt!, kind: 1, leg: l },
    ])
    .sort((a, b) => a.t - b.t || a.kind - b.kind);
  const onBoard = new Set<LegRow>();
  let soiledBy: LegRow[] = [];
  let cleanAt = -Infinity;
  let emptiedBy: LegRow[] = [];
  for (const point of points) {
    if (point.kind === 0) {
      onBoard.delete(point.leg);
      if (onBoard.size === 0 && soiledBy.length) {
        cleanAt = point.t + gap;
        emptiedBy = soiledBy;
        soiledBy = [];
      }
      continue;
    }
    if (
      onBoard.size === 0 &&
      point.t < cleanAt &&
      emptiedBy.some((l) => l.patientId !== point.leg.patientId)
    ) {
      findings.push({
        invariant: 'disinfection_gap',
        key: `disinfection|schedule|${vehicle.id}|${ids(emptiedBy).join(',')}|${point.leg.id}`,
        detail: `schedule: pickup at ${iso(point.t)} while disinfecting until ${iso(cleanAt)} after ${emptiedBy
          .map((l) => l.infectionClass)
          .join('+')}`,
        legIds: [...ids(emptiedBy), point.leg.id],
        vehicleId: vehicle.id,
      });
    }
    onBoard.add(point.leg);
    if (dirty(point.leg, policy)) soiledBy.push(point.leg);
  }

  // In fact: the drop-off of a dirty passenger (completion) that left the vehicle empty.
  for (const done of all) {
    if (done.completedAt === null || !dirty(done, policy)) continue;
    const tc = done.completedAt;
    const stillAboard = all.some(
      (o) =>
        o !== done &&
        o.boardedAt !== null &&
        o.boardedAt < tc &&
        (o.completedAt === null || o.completedAt > tc) &&
        ABOARD.includes(o.status),
    );
    if (stillAboard) continue;
    for (const next of all) {
      // The same patient again (their return, their next visit) is no one new to protect.
      if (next === done || next.patientId === done.patientId) continue;
      const boardedInGap = next.boardedAt !== null && next.boardedAt > tc && next.boardedAt < tc + gap;
      const bookedIntoGap =
        BOOKED.includes(next.status) &&
        !ABOARD.includes(next.status) &&
        next.assignedAt !== null &&
        next.assignedAt > tc &&
        next.plannedPickupAt !== null &&
        next.plannedPickupAt >= tc &&
        next.plannedPickupAt < tc + gap;
      if (!boardedInGap && !bookedIntoGap) continue;
      findings.push({
        invariant: 'disinfection_gap',
        key: `disinfection|actual|${vehicle.id}|${done.id}|${next.id}`,
        detail: boardedInGap
          ? `boarded at ${iso(next.boardedAt)}, ${Math.round((next.boardedAt! - tc) / 1000)} s after a ${done.infectionClass} passenger left (disinfection ${vehicle.disinfectionMinutes} min)`
          : `booked at ${iso(next.assignedAt)} for a pickup at ${iso(next.plannedPickupAt)}, inside the disinfection after a ${done.infectionClass} passenger left at ${iso(tc)}`,
        legIds: [done.id, next.id],
        vehicleId: vehicle.id,
      });
    }
  }
  return findings;
}

/** Rule 7: a vehicle (outside a shared run), a driver (likewise) or a patient booked twice at once. */
function doubleBookingFindings(booked: LegRow[]): Finding[] {
  const findings: Finding[] = [];
  const ranged = booked.filter((l) => l.bookedFrom !== null && l.bookedTo !== null);
  for (let i = 0; i < ranged.length; i++) {
    for (let j = i + 1; j < ranged.length; j++) {
      const a = ranged[i]!;
      const b = ranged[j]!;
      if (!(a.bookedFrom! < b.bookedTo! && b.bookedFrom! < a.bookedTo!)) continue;
      const on: string[] = [];
      if (a.vehicleId && a.vehicleId === b.vehicleId && a.runId !== b.runId) on.push('vehicle');
      if (a.driverId && a.driverId === b.driverId && a.runId !== b.runId) on.push('driver');
      if (a.patientId === b.patientId) on.push('patient');
      if (!on.length) continue;
      findings.push({
        invariant: 'double_booking',
        key: `double|${[a.id, b.id].sort().join(',')}|${on.join('+')}`,
        detail: `${on.join(' and ')} booked twice: ${iso(a.bookedFrom)}–${iso(a.bookedTo)} and ${iso(b.bookedFrom)}–${iso(b.bookedTo)}`,
        legIds: [a.id, b.id].sort(),
        ...(a.vehicleId ? { vehicleId: a.vehicleId } : {}),
      });
    }
  }
  return findings;
}

/** No leg booked (or re-timed) by the operation is planned before the operation began. */
export function checkPlannedTimes(before: Snapshot, after: Snapshot, opStartedAt: number): Finding[] {
  const previous = new Map(before.legs.map((l) => [l.id, l]));
  const findings: Finding[] = [];
  for (const leg of after.legs) {
    if (!BOOKED.includes(leg.status)) continue;
    const was = previous.get(leg.id);
    const changed =
      !was ||
      !BOOKED.includes(was.status) ||
      was.vehicleId !== leg.vehicleId ||
      was.plannedPickupAt !== leg.plannedPickupAt ||
      was.plannedDropoffAt !== leg.plannedDropoffAt;
    if (!changed) continue;
    const floor = opStartedAt - PAST_GRACE_MS;
    const late = [
      leg.plannedPickupAt !== null && leg.plannedPickupAt < floor
        ? `pickup ${iso(leg.plannedPickupAt)}`
        : null,
      leg.plannedDropoffAt !== null && leg.plannedDropoffAt < floor
        ? `drop-off ${iso(leg.plannedDropoffAt)}`
        : null,
    ].filter((x): x is string => x !== null);
    if (!late.length) continue;
    findings.push({
      invariant: 'planned_in_past',
      key: `past|${leg.id}|${leg.plannedPickupAt}|${leg.plannedDropoffAt}`,
      detail: `${leg.urgency} ${leg.direction} leg booked with ${late.join(' and ')}, before the operation began at ${iso(opStartedAt)}`,
      legIds: [leg.id],
      ...(leg.vehicleId ? { vehicleId: leg.vehicleId } : {}),
    });
  }
  return findings;
}

/**
 * After a successful "plan the day": every request of that district and day is served (planned,
 * under way or done), cancelled, or unserved with the reason the plan gave — none left open or
 * merely matched without a word.
 */
export function checkRequestsAccounted(
  snapshot: Snapshot,
  plan: {
    districtId: string;
    date: string;
    unservedLegIds: string[];
    unmatchedRequestIds: string[];
  },
): Finding[] {
  const explained = new Set(plan.unmatchedRequestIds);
  const legRequest = new Map(snapshot.legs.map((l) => [l.id, l.requestId]));
  for (const legId of plan.unservedLegIds) {
    const requestId = legRequest.get(legId);
    if (requestId) explained.add(requestId);
  }
  const findings: Finding[] = [];
  for (const request of snapshot.requests) {
    if (request.districtId !== plan.districtId || request.date !== plan.date) continue;
    if (['planned', 'done', 'cancelled'].includes(request.status)) continue;
    if (request.status === 'unserved' && explained.has(request.id)) continue;
    const legs = snapshot.legs.filter((l) => l.requestId === request.id);
    findings.push({
      invariant: 'requests_accounted',
      key: `request|${request.id}|${request.status}`,
      detail: `${request.urgency} request ${request.id} of ${request.date} left ${request.status}${
        request.tripId ? ` (legs ${legs.map((l) => l.status).join('/')})` : ' without a round trip'
      }${request.status === 'unserved' ? ' and no reason in the plan' : ''} after a successful plan`,
      legIds: legs.map((l) => l.id),
    });
  }
  return findings;
}
