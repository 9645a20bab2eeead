import {
  ABOARD_LEG_STATUSES,
  BOOKED_LEG_STATUSES,
  decideStep,
  IN_HAND_LEG_STATUSES,
  type LegStatus,
  type LegStep,
  type LegView,
  type Role,
  STEP_RULES,
  type StepTimeRefusal,
  stepTimeRefusal,
  UNDER_WAY_LEG_STATUSES,
} from '@lastmeter/shared';

/**
 * The steps a driver reports, each with its lifecycle step (shared/src/lifecycle.ts `STEP_RULES`) and
 * its API path. The keys are the phone's own (stored in the offline queue, named in the messages).
 */
export const DRIVER_STEPS = {
  accept: { step: 'accept', path: 'accept' },
  decline: { step: 'decline', path: 'decline' },
  depart: { step: 'depart', path: 'en-route' },
  reach_pickup: { step: 'reach_pickup', path: 'at-pickup' },
  board: { step: 'board', path: 'on-board' },
  arrive: { step: 'arrive', path: 'arrive' },
  no_show: { step: 'no_show', path: 'no-show' },
  refuse: { step: 'refuse_at_gate', path: 'refused-at-gate' },
} as const satisfies Record<string, { step: LegStep; path: string }>;
export type DriverStep = keyof typeof DRIVER_STEPS;

/** The status a leg reaches by a driver's step, as the shared lifecycle says. */
export function statusAfter(step: DriverStep): LegStatus {
  return STEP_RULES[DRIVER_STEPS[step].step].to;
}

/**
 * Whether the clock lets the driver take `step` now, by the rule the server applies
 * (`stepTimeRefusal` in @lastmeter/shared): null when it does, else the rule and when it opens — a job
 * of another day is started on its own day only.
 */
export function driverStepRefusal(
  leg: LegView,
  step: DriverStep,
  now: Date,
  timeZone: string,
): StepTimeRefusal | null {
  return stepTimeRefusal(DRIVER_STEPS[step].step, leg, now, { timeZone });
}

/** What the driver should see next: the main step, and the exceptional ones beside it. */
export interface NextSteps {
  primary: DriverStep | null;
  secondary: DriverStep[];
  /** Someone else acts next (the gatekeeper's "out", the hospital's "arrived", the gatekeeper's "back"). */
  waitingFor: 'gatekeeper_out' | 'hospital' | 'gatekeeper_back' | 'dispatch' | null;
}

/** The trip forward, in order: the first one the lifecycle allows is the big button. */
const FORWARD: readonly DriverStep[] = ['accept', 'depart', 'reach_pickup', 'board', 'arrive'];
/** Steps that change the plan for others: shown beside the main one. */
const EXCEPTIONAL: readonly DriverStep[] = ['decline', 'no_show', 'refuse'];
/** Whose step the driver waits for when none of theirs is forward. */
const OTHERS: ReadonlyArray<{ step: LegStep; role: Role; waitingFor: NonNullable<NextSteps['waitingFor']> }> =
  [
    { step: 'out', role: 'gatekeeper', waitingFor: 'gatekeeper_out' },
    { step: 'confirm_arrival', role: 'hospital', waitingFor: 'hospital' },
    { step: 'back', role: 'gatekeeper', waitingFor: 'gatekeeper_back' },
    { step: 'resume', role: 'dispatcher', waitingFor: 'dispatch' },
  ];

/** The driver's buttons on a leg: the steps the shared lifecycle (`decideStep`) opens to them now. */
export function nextSteps(leg: Pick<LegView, 'status' | 'direction'>): NextSteps {
  const open = (step: DriverStep) => decideStep(DRIVER_STEPS[step].step, leg, 'driver').ok;
  const primary = FORWARD.find(open) ?? null;
  const waiting = primary ? undefined : OTHERS.find((o) => decideStep(o.step, leg, o.role).ok);
  return { primary, secondary: EXCEPTIONAL.filter(open), waitingFor: waiting?.waitingFor ?? null };
}

const booked = (status: LegStatus) => (BOOKED_LEG_STATUSES as readonly LegStatus[]).includes(status);

/** Where the car is heading now: the pickup until the patient is on board, then the drop-off. */
export function currentStop(leg: LegView): {
  kind: 'pickup' | 'dropoff';
  name: string;
  place: string;
  lng: number;
  lat: number;
} {
  const beforeBoarding = booked(leg.status) && !ABOARD_LEG_STATUSES.includes(leg.status);
  const gate = { name: leg.gate.name, place: leg.compound.name, lng: leg.gate.lng, lat: leg.gate.lat };
  const hospital = {
    name: leg.hospital.name,
    place: leg.hospital.name,
    lng: leg.hospital.lng,
    lat: leg.hospital.lat,
  };
  const pickup = leg.direction === 'outbound' ? gate : hospital;
  const dropoff = leg.direction === 'outbound' ? hospital : gate;
  return beforeBoarding ? { kind: 'pickup', ...pickup } : { kind: 'dropoff', ...dropoff };
}

/** When the car should be at a stop, as the plan says (falling back to the window). */
export function plannedAt(leg: LegView, kind: 'pickup' | 'dropoff'): string | null {
  return kind === 'pickup'
    ? (leg.plannedPickupAt ?? leg.pickupWindow[0])
    : (leg.etaAt ?? leg.plannedDropoffAt ?? leg.dropoffWindow[1]);
}

/** Legs the driver still has in hand: the patient aboard (even refused at a gate), or a pickup ahead. */
export function isOpenJob(leg: Pick<LegView, 'status'>): boolean {
  return IN_HAND_LEG_STATUSES.includes(leg.status);
}

function urgencyRank(leg: LegView): number {
  if (ABOARD_LEG_STATUSES.includes(leg.status)) return 0;
  if (UNDER_WAY_LEG_STATUSES.includes(leg.status)) return 1;
  return 2;
}

/**
 * The driver's order of work: a patient aboard first, then a pickup under way, then the rest by
 * pickup time (tomorrow's 06:55 after today's 09:30; a leg without a time last).
 */
export function inDrivingOrder<T extends { leg: LegView }>(jobs: readonly T[]): T[] {
  const time = (leg: LegView) => {
    const at = plannedAt(leg, 'pickup');
    return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
  };
  return [...jobs].sort((a, b) => urgencyRank(a.leg) - urgencyRank(b.leg) || time(a.leg) - time(b.leg));
}
