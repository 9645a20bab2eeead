import {
  ABOARD_LEG_STATUSES,
  type LegStatus,
  type LegStep,
  type LegView,
  type StepTimeRefusal,
  stepTimeRefusal,
  UNDER_WAY_LEG_STATUSES,
} from '@lastmeter/shared';

/** The steps a driver reports, each with its API path and the status the leg reaches. */
export const DRIVER_STEPS = {
  accept: { path: 'accept', to: 'accepted' },
  decline: { path: 'decline', to: 'declined' },
  depart: { path: 'en-route', to: 'en_route' },
  reach_pickup: { path: 'at-pickup', to: 'at_pickup' },
  board: { path: 'on-board', to: 'on_board' },
  arrive: { path: 'arrive', to: 'arrived' },
  no_show: { path: 'no-show', to: 'no_show' },
  refuse: { path: 'refused-at-gate', to: 'refused_at_gate' },
} as const satisfies Record<string, { path: string; to: LegStatus }>;
export type DriverStep = keyof typeof DRIVER_STEPS;

/** The lifecycle's name of each driver step (@lastmeter/shared LEG_STEPS). */
const LEG_STEP_OF: Record<DriverStep, LegStep> = {
  accept: 'accept',
  decline: 'decline',
  depart: 'depart',
  reach_pickup: 'reach_pickup',
  board: 'board',
  arrive: 'arrive',
  no_show: 'no_show',
  refuse: 'refuse_at_gate',
};

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
  return stepTimeRefusal(LEG_STEP_OF[step], leg, now, { timeZone });
}

/** What the driver should see next: the main step, and the exceptional ones beside it. */
export interface NextSteps {
  primary: DriverStep | null;
  secondary: DriverStep[];
  /** Someone else acts next (the gatekeeper's "out", the hospital's "arrived", the gatekeeper's "back"). */
  waitingFor: 'gatekeeper_out' | 'hospital' | 'gatekeeper_back' | 'dispatch' | null;
}

/** Mirrors STEP_RULES in @lastmeter/shared/lifecycle for the driver's role, as buttons. */
export function nextSteps(leg: Pick<LegView, 'status' | 'direction'>): NextSteps {
  const outbound = leg.direction === 'outbound';
  switch (leg.status) {
    case 'assigned':
      return { primary: 'accept', secondary: ['decline'], waitingFor: null };
    case 'accepted':
      return { primary: 'depart', secondary: ['decline'], waitingFor: null };
    case 'en_route':
      return { primary: 'reach_pickup', secondary: [], waitingFor: null };
    case 'at_pickup':
      return outbound
        ? { primary: null, secondary: ['no_show'], waitingFor: 'gatekeeper_out' }
        : { primary: 'board', secondary: ['no_show'], waitingFor: null };
    case 'on_board':
      return { primary: 'arrive', secondary: outbound ? ['refuse'] : [], waitingFor: null };
    case 'arrived':
      return outbound
        ? { primary: null, secondary: ['refuse'], waitingFor: 'hospital' }
        : { primary: null, secondary: [], waitingFor: 'gatekeeper_back' };
    // The patient is still aboard while dispatch resolves the refusal (STEP_RULES.resume).
    case 'refused_at_gate':
      return { primary: null, secondary: [], waitingFor: 'dispatch' };
    case 'planned':
    case 'completed':
    case 'declined':
    case 'cancelled':
    case 'no_show':
      return { primary: null, secondary: [], waitingFor: null };
    default: {
      const unreachable: never = leg.status;
      return unreachable;
    }
  }
}

/** Where the car is heading now: the pickup until the patient is on board, then the drop-off. */
export function currentStop(leg: LegView): {
  kind: 'pickup' | 'dropoff';
  name: string;
  place: string;
  lng: number;
  lat: number;
} {
  const beforeBoarding = ['assigned', 'accepted', 'en_route', 'at_pickup'].includes(leg.status);
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
  return !['declined', 'no_show', 'completed', 'cancelled', 'planned'].includes(leg.status);
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
