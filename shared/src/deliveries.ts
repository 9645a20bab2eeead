import type { Role } from './domain.ts';
import { anotherDayRefusal, type StepTimeRefusal } from './lifecycle.ts';

/**
 * Medicine delivery (药品配送, docs/product.md "Care without a trip") as pure rules: a prescription's
 * parcel goes from a hospital pharmacy to the compound gate on a volunteer or requisitioned vehicle,
 * and the gatekeeper hands it to the household (送药到户). The server checks scope (whose vehicle,
 * whose compound) before asking these rules; the rules know only roles and statuses.
 */
export const DELIVERY_STATUSES = [
  /** Waiting for a vehicle: the planner has not placed it (yet), or found none (`unserved`). */
  'pending',
  /** Planned on a vehicle: the driver sees it among their jobs. */
  'assigned',
  /** The driver collected the parcel at the pharmacy. */
  'picked_up',
  /** The driver left the parcel at the compound gate (contactless). */
  'at_gate',
  /** The gatekeeper confirmed the parcel arrived. */
  'received',
  /** The gatekeeper handed it to the household: done. */
  'delivered',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Statuses in which a delivery rides on (or waits for) its vehicle: what the schedule gate weighs. */
export const BOOKED_DELIVERY_STATUSES = [
  'assigned',
  'picked_up',
] as const satisfies readonly DeliveryStatus[];
/** Statuses in which the planner may still move a delivery: nobody has touched the parcel yet. */
export const OPEN_DELIVERY_STATUSES = ['pending', 'assigned'] as const satisfies readonly DeliveryStatus[];

/**
 * Statuses in which a parcel is on its way or has arrived: a need served by delivery counts as served
 * from the moment its parcel has a vehicle (the overview and the dispatch console's key figures).
 */
export const SERVING_DELIVERY_STATUSES = [
  'assigned',
  'picked_up',
  'at_gate',
  'received',
  'delivered',
] as const satisfies readonly DeliveryStatus[];

/**
 * Statuses in which a parcel has still to reach the gate (waiting, planned, or in a vehicle): what can
 * be late, what the planner places, and what the gate counts as on its way.
 */
export const BEFORE_GATE_DELIVERY_STATUSES = [
  'pending',
  'assigned',
  'picked_up',
] as const satisfies readonly DeliveryStatus[];

/**
 * What dispatch must look at on a delivery: `unassigned` while it waits for a vehicle, `late` once the
 * gate's window has closed before the parcel reached it, its planned hand-over falls after the window,
 * or its planned collection has passed with nobody at the pharmacy yet.
 */
export function deliveryFlags(
  delivery: {
    status: DeliveryStatus;
    dropoffWindow: readonly [string, string];
    plannedPickupAt: string | null;
    plannedDropoffAt: string | null;
  },
  now: Date,
): { unassigned: boolean; late: boolean } {
  const open = (BEFORE_GATE_DELIVERY_STATUSES as readonly DeliveryStatus[]).includes(delivery.status);
  const closes = Date.parse(delivery.dropoffWindow[1]);
  const late =
    open &&
    (now.getTime() > closes ||
      (delivery.plannedDropoffAt !== null && Date.parse(delivery.plannedDropoffAt) > closes) ||
      (delivery.status === 'assigned' &&
        delivery.plannedPickupAt !== null &&
        now.getTime() > Date.parse(delivery.plannedPickupAt)));
  return { unassigned: delivery.status === 'pending', late };
}

/** Where a prescription came from. */
export const PRESCRIPTION_SOURCES = ['online_visit', 'paper'] as const;

/** The steps people take on a delivery. Assignment is the planner's (a booking), guarded by the schedule gate. */
export const DELIVERY_STEPS = ['pick_up', 'hand_to_gate', 'receive', 'hand_over', 'cancel'] as const;
export type DeliveryStep = (typeof DELIVERY_STEPS)[number];

interface DeliveryStepRule {
  to: DeliveryStatus;
  from: readonly DeliveryStatus[];
  roles: readonly Role[];
}

export const DELIVERY_STEP_RULES: Record<DeliveryStep, DeliveryStepRule> = {
  pick_up: { to: 'picked_up', from: ['assigned'], roles: ['driver'] },
  hand_to_gate: { to: 'at_gate', from: ['picked_up'], roles: ['driver'] },
  // The gatekeeper's confirmation is the proof of hand-over: it counts even when the driver's tap is missing.
  receive: { to: 'received', from: ['picked_up', 'at_gate'], roles: ['gatekeeper'] },
  hand_over: { to: 'delivered', from: ['received'], roles: ['gatekeeper'] },
  // Before anyone has the parcel: the household no longer needs it, or the prescription was wrong.
  cancel: { to: 'cancelled', from: ['pending', 'assigned'], roles: ['gatekeeper', 'dispatcher', 'admin'] },
};

export type DeliveryStepVerdict =
  | { ok: true; from: DeliveryStatus; to: DeliveryStatus }
  | { ok: false; reason: 'role'; from: DeliveryStatus; to: DeliveryStatus }
  | {
      ok: false;
      reason: 'status';
      from: DeliveryStatus;
      to: DeliveryStatus;
      allowed: readonly DeliveryStep[];
    };

/** Which steps are open to a role on a delivery in a status (what the apps show as buttons). */
export function openDeliverySteps(status: DeliveryStatus, role: Role): DeliveryStep[] {
  return DELIVERY_STEPS.filter((step) => {
    const rule = DELIVERY_STEP_RULES[step];
    return rule.roles.includes(role) && rule.from.includes(status);
  });
}

export function decideDeliveryStep(
  step: DeliveryStep,
  status: DeliveryStatus,
  role: Role,
): DeliveryStepVerdict {
  const rule = DELIVERY_STEP_RULES[step];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role', from: status, to: rule.to };
  if (!rule.from.includes(status))
    return {
      ok: false,
      reason: 'status',
      from: status,
      to: rule.to,
      allowed: DELIVERY_STEPS.filter((s) => DELIVERY_STEP_RULES[s].from.includes(status)),
    };
  return { ok: true, from: status, to: rule.to };
}

/**
 * Steps that start work on a parcel, held to its own day like a leg's (docs/product.md "The trip
 * lifecycle"): a parcel planned for tomorrow may still move to another vehicle overnight. Once
 * collected, nothing holds it back — a parcel in a car at midnight still reaches the gate; the
 * gatekeeper's receipt counts whenever it comes, and cancelling stays open.
 */
const STARTING_DELIVERY_STEPS: readonly DeliveryStep[] = ['pick_up'];

/**
 * Whether the clock lets `step` be taken on a delivery of `date` now: null when it does, else the
 * rule (`another_day`) and when it opens (null for a day gone by). Status and role are
 * `decideDeliveryStep`'s.
 */
export function deliveryTimeRefusal(
  step: DeliveryStep,
  delivery: { date: string },
  now: Date,
  timeZone: string,
): StepTimeRefusal | null {
  return STARTING_DELIVERY_STEPS.includes(step) ? anotherDayRefusal(delivery.date, now, timeZone) : null;
}

/** Letters and digits that cannot be misread when called across a gate (no 0/O, 1/I/L). */
export const PARCEL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PARCEL_NO_PATTERN = /^P-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
