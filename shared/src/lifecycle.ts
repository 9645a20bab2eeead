import { cityDateOf, cityDayStart } from './city-time.ts';
import {
  BOOKED_LEG_STATUSES,
  type InfectionClass,
  LEG_STATUSES,
  type LegDirection,
  type LegStatus,
  type RequestStatus,
  type Role,
  type VehicleStatus,
} from './domain.ts';

/**
 * The lifecycle of one leg (docs/product.md "Trip lifecycle") as pure rules: which status may follow
 * which, and which step each role may take. The server checks scope (whose vehicle, hospital,
 * compound) before asking these rules; the rules only know roles, directions and statuses.
 */

/** Every status a leg may move to from each status. Terminal statuses have none. */
export const LEG_TRANSITIONS: Record<LegStatus, readonly LegStatus[]> = {
  planned: ['assigned', 'cancelled'],
  assigned: ['accepted', 'declined', 'planned', 'cancelled'],
  accepted: ['en_route', 'at_pickup', 'on_board', 'declined', 'planned', 'cancelled'],
  en_route: ['at_pickup', 'on_board', 'planned', 'cancelled'],
  at_pickup: ['on_board', 'no_show', 'planned', 'cancelled'],
  on_board: ['arrived', 'completed', 'refused_at_gate'],
  arrived: ['completed', 'refused_at_gate'],
  // A declined or refused leg goes back to dispatch: re-planned, re-assigned or cancelled.
  declined: ['planned', 'assigned', 'cancelled'],
  refused_at_gate: ['on_board', 'cancelled'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** The steps people take on a leg. Assignment itself (`assign`) is a booking, guarded separately. */
export const LEG_STEPS = [
  'assign',
  'unassign',
  'cancel',
  'accept',
  'decline',
  'depart',
  'reach_pickup',
  'board',
  'out',
  'arrive',
  'confirm_arrival',
  'back',
  'no_show',
  'refuse_at_gate',
  'resume',
] as const;
export type LegStep = (typeof LEG_STEPS)[number];

interface StepRule {
  to: LegStatus;
  from: readonly LegStatus[];
  roles: readonly Role[];
  /** Only legs of this direction (e.g. the hospital confirms arrival of outbound legs only). */
  direction?: LegDirection;
}

const DISPATCH: readonly Role[] = ['dispatcher', 'admin'];

export const STEP_RULES: Record<LegStep, StepRule> = {
  assign: { to: 'assigned', from: ['planned', 'declined'], roles: DISPATCH },
  unassign: {
    to: 'planned',
    from: ['assigned', 'accepted', 'en_route', 'at_pickup', 'declined'],
    roles: DISPATCH,
  },
  cancel: {
    to: 'cancelled',
    from: ['planned', 'assigned', 'accepted', 'en_route', 'at_pickup', 'declined', 'refused_at_gate'],
    roles: DISPATCH,
  },
  accept: { to: 'accepted', from: ['assigned'], roles: ['driver'] },
  decline: { to: 'declined', from: ['assigned', 'accepted'], roles: ['driver'] },
  depart: { to: 'en_route', from: ['accepted'], roles: ['driver'] },
  reach_pickup: { to: 'at_pickup', from: ['accepted', 'en_route'], roles: ['driver'] },
  // The driver loads a return patient at the hospital; at the compound gate the gatekeeper's "out" does it.
  board: {
    to: 'on_board',
    from: ['accepted', 'en_route', 'at_pickup'],
    roles: ['driver'],
    direction: 'return',
  },
  // The patient leaves the sealed compound only once the car is at the gate: nobody waits outside it.
  out: {
    to: 'on_board',
    from: ['at_pickup'],
    roles: ['gatekeeper'],
    direction: 'outbound',
  },
  arrive: { to: 'arrived', from: ['on_board'], roles: ['driver'] },
  confirm_arrival: {
    to: 'completed',
    from: ['on_board', 'arrived'],
    roles: ['hospital'],
    direction: 'outbound',
  },
  back: { to: 'completed', from: ['on_board', 'arrived'], roles: ['gatekeeper'], direction: 'return' },
  no_show: { to: 'no_show', from: ['at_pickup'], roles: ['driver'] },
  refuse_at_gate: {
    to: 'refused_at_gate',
    from: ['on_board', 'arrived'],
    roles: ['driver'],
    direction: 'outbound',
  },
  // Dispatch resolved a refusal: the patient rides on (admitted after all, or to another hospital).
  resume: { to: 'on_board', from: ['refused_at_gate'], roles: DISPATCH },
};

/**
 * Why dispatch may not cancel a leg on its own (docs/product.md "Trip lifecycle"): a return whose
 * outbound is not over is cancelled with its round trip, from the outbound (一来一回).
 */
export const LEG_CANCEL_MESSAGES = {
  outbound_not_over: {
    'zh-CN': '去程尚未结束：请从去程取消整个往返行程，返程随之取消',
    en: 'The outbound leg is not over: cancel the round trip from its outbound leg, which cancels the return with it',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en', string>>;

export type StepVerdict =
  | { ok: true; from: LegStatus; to: LegStatus }
  /** The role never takes this step (or not on this direction): a 403. */
  | { ok: false; reason: 'role'; from: LegStatus; to: LegStatus }
  /** Not from this status: a 409 naming the statuses the leg may move to now. */
  | { ok: false; reason: 'status'; from: LegStatus; to: LegStatus; allowed: readonly LegStatus[] };

export function canTransition(from: LegStatus, to: LegStatus): boolean {
  return LEG_TRANSITIONS[from].includes(to);
}

export function isTerminal(status: LegStatus): boolean {
  return LEG_TRANSITIONS[status].length === 0;
}

/** Decides a step: role first (who), then status (when). */
export function decideStep(
  step: LegStep,
  leg: { status: LegStatus; direction: LegDirection },
  role: Role,
): StepVerdict {
  const rule = STEP_RULES[step];
  const base = { from: leg.status, to: rule.to };
  if (!rule.roles.includes(role) || (rule.direction && rule.direction !== leg.direction)) {
    return { ok: false, reason: 'role', ...base };
  }
  if (!rule.from.includes(leg.status) || !canTransition(leg.status, rule.to)) {
    return { ok: false, reason: 'status', ...base, allowed: LEG_TRANSITIONS[leg.status] };
  }
  return { ok: true, ...base };
}

/** What a request's status depends on, per leg of its round trip. */
export interface LegFacts {
  direction: LegDirection;
  status: LegStatus;
  /** false: a will-call return the hospital has not released yet (it needs no vehicle yet). */
  released: boolean;
}

/**
 * A request's status follows the legs of its round trip, whoever moved them (planner, dispatch by
 * hand, a driver's decline, a breakdown): `planned` once every leg that can be booked now has a
 * vehicle, back to `matched` when one loses it — or `unserved` when the planner said none can take
 * it (`unserved`) or said so before. A trip ended at the gate is `done`; one that never reached the
 * hospital (cancelled, no-show) is `cancelled`. A request without a round trip keeps its status.
 */
export function requestStatusFromLegs(
  current: RequestStatus,
  legs: readonly LegFacts[],
  unserved = false,
): RequestStatus {
  if (current === 'cancelled' || current === 'done' || legs.length === 0) return current;
  const outbound = legs.find((l) => l.direction === 'outbound');
  const ret = legs.find((l) => l.direction === 'return');
  if (ret?.status === 'completed') return 'done';
  if (outbound && (outbound.status === 'cancelled' || outbound.status === 'no_show')) return 'cancelled';
  if (legs.every((l) => isTerminal(l.status))) return outbound?.status === 'completed' ? 'done' : 'cancelled';
  const waiting = legs.some(
    (l) => (l.status === 'planned' || l.status === 'declined') && (l.direction === 'outbound' || l.released),
  );
  if (!waiting) return 'planned';
  return unserved || current === 'unserved' ? 'unserved' : 'matched';
}

/** Leg statuses in which the patient is in the vehicle. */
export const ABOARD_LEG_STATUSES: readonly LegStatus[] = ['on_board', 'arrived', 'refused_at_gate'];
/** Leg statuses in which the driver is under way to a pickup. */
export const UNDER_WAY_LEG_STATUSES: readonly LegStatus[] = ['en_route', 'at_pickup'];
/** Leg statuses after which nothing more happens on the leg (`isTerminal`). */
export const TERMINAL_LEG_STATUSES: readonly LegStatus[] = LEG_STATUSES.filter(isTerminal);
/**
 * Leg statuses in which the driver has the leg (accepted it, or is working it): it stays on its vehicle
 * whatever the planner does — a plan pins it and a plan commit never moves it.
 */
export const HELD_LEG_STATUSES: readonly LegStatus[] = [
  'accepted',
  'en_route',
  'at_pickup',
  'on_board',
  'arrived',
];
/** Leg statuses the planner works with: waiting for a vehicle (`planned`, `declined`) or booked on one. */
export const PLANNABLE_LEG_STATUSES: readonly LegStatus[] = ['planned', 'declined', ...BOOKED_LEG_STATUSES];
/**
 * Leg statuses before the patient boards, the leg not over: a zone change may still stop the patient
 * leaving or the car entering, and a return is still to be picked up at the hospital's entrance.
 */
export const BEFORE_BOARDING_LEG_STATUSES = [
  'planned',
  'assigned',
  'accepted',
  'en_route',
  'at_pickup',
  'declined',
] as const satisfies readonly LegStatus[];
/**
 * Leg statuses the driver still has in hand: booked ones, and a patient refused at the hospital, who
 * stays aboard while dispatch decides (`STEP_RULES.resume`) — the phone must not say "no jobs" then.
 */
export const IN_HAND_LEG_STATUSES: readonly LegStatus[] = [...BOOKED_LEG_STATUSES, 'refused_at_gate'];
/** A vehicle is serving a leg from acceptance until the patient is dropped off: where its position matters. */
export const ACTIVE_LEG_STATUSES = [
  'accepted',
  'en_route',
  'at_pickup',
  'on_board',
] as const satisfies readonly LegStatus[];

/**
 * Does this passenger leave the vehicle needing disinfection (rule 3): after a close contact or a
 * positive patient, and after every passenger where the district runs 一客一消杀. The one decision every
 * path (booking, planner, schedule gate, vehicle status, the driver's job card) takes.
 */
export function leavesVehicleDirty(
  patient: { infectionClass: InfectionClass },
  district: { disinfectAfterEveryPassenger: boolean },
): boolean {
  return district.disinfectAfterEveryPassenger || patient.infectionClass !== 'normal';
}

/**
 * A vehicle's status follows its legs (rule 3): `on_job` while a patient is aboard or the driver is
 * under way to a pickup, `disinfecting` until its disinfection ends after a passenger who needs it
 * left an empty vehicle, else `available`. `off` (off duty, broken down) is dispatch's to lift, never
 * the lifecycle's.
 */
export function vehicleStatusFromLegs(
  current: VehicleStatus,
  facts: { aboard: boolean; underWay: boolean; disinfectingUntil: Date | null; now: Date },
): VehicleStatus {
  if (current === 'off') return 'off';
  if (facts.aboard) return 'on_job';
  if (facts.disinfectingUntil && facts.disinfectingUntil.getTime() > facts.now.getTime())
    return 'disinfecting';
  return facts.underWay ? 'on_job' : 'available';
}

// ---------------------------------------------------------------------------------------------
// The clock and the order of a patient's legs: steps are guarded by time and by who is aboard as well
// as by status. The server refuses a step that is not open (409 `step_not_open` naming the rule, with
// `opensAt` when the clock will open it); the web asks the same functions to show when a button opens.

export const STEP_TIME_RULES = [
  'another_day',
  'out_not_open',
  'arrival_not_open',
  'vehicle_disinfecting',
  'patient_aboard_elsewhere',
  'outbound_not_finished',
  'treatment_not_over',
] as const;
export type StepTimeRule = (typeof STEP_TIME_RULES)[number];

export interface StepTimeRefusal {
  rule: StepTimeRule;
  /** When the step opens (ISO instant); null when it never will (a leg of a day gone by). */
  opensAt: string | null;
}

export interface StepTimeOptions {
  /** The gatekeeper's "out" opens this long before the planned pickup (the vehicle at the gate). */
  outOpensMinutesBefore: number;
  /** The hospital confirms an arrival from this long before the planned drop-off, or once the driver reports it. */
  arrivalOpensMinutesBefore: number;
  /** The city's time zone (the server's `TIME_ZONE`): which day "today" is. */
  timeZone: string;
}

export const STEP_TIME_DEFAULTS: Omit<StepTimeOptions, 'timeZone'> = {
  outOpensMinutesBefore: 30,
  arrivalOpensMinutesBefore: 15,
};

/** What the clock rules read of a leg. `date` is its request's day (`YYYY-MM-DD`, city time). */
export interface StepTimeFacts {
  status: LegStatus;
  date: string;
  plannedPickupAt: Date | string | null;
  plannedDropoffAt: Date | string | null;
}

/**
 * Steps that take on or start work on a leg: only on the leg's own day (a plan for tomorrow may still
 * change overnight; accepting pins the leg to the vehicle). Declining stays open: saying early that a
 * job cannot be done helps dispatch. Finishing steps are never held back: a patient aboard at midnight
 * still gets out.
 */
const STARTING_STEPS: readonly LegStep[] = ['accept', 'depart', 'reach_pickup', 'board', 'out', 'no_show'];

/**
 * Work of one day — a leg, a medicine delivery — is started only on that day (city time): a day ahead
 * opens at its midnight, a day gone by never does. Null on the day itself.
 */
export function anotherDayRefusal(date: string, now: Date, timeZone: string): StepTimeRefusal | null {
  const today = cityDateOf(now, timeZone);
  if (date > today) return { rule: 'another_day', opensAt: cityDayStart(date, timeZone).toISOString() };
  if (date < today) return { rule: 'another_day', opensAt: null };
  return null;
}

/**
 * Whether the clock lets `step` be taken on this leg now: null when it does, else the rule and when
 * the step opens. Status and role are `decideStep`'s; this only knows time.
 */
export function stepTimeRefusal(
  step: LegStep,
  leg: StepTimeFacts,
  now: Date,
  options: Partial<StepTimeOptions> & Pick<StepTimeOptions, 'timeZone'>,
): StepTimeRefusal | null {
  const o = { ...STEP_TIME_DEFAULTS, ...options };
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  if (STARTING_STEPS.includes(step)) {
    const otherDay = anotherDayRefusal(leg.date, now, o.timeZone);
    if (otherDay) return otherDay;
  }
  if (step === 'out') {
    const pickup = at(leg.plannedPickupAt);
    const opens = pickup ? new Date(pickup.getTime() - o.outOpensMinutesBefore * 60_000) : null;
    if (opens && now.getTime() < opens.getTime())
      return { rule: 'out_not_open', opensAt: opens.toISOString() };
  }
  if (step === 'confirm_arrival' && leg.status !== 'arrived') {
    const dropoff = at(leg.plannedDropoffAt);
    const opens = dropoff ? new Date(dropoff.getTime() - o.arrivalOpensMinutesBefore * 60_000) : null;
    if (opens && now.getTime() < opens.getTime())
      return { rule: 'arrival_not_open', opensAt: opens.toISOString() };
  }
  return null;
}

export const STEP_TIME_MESSAGES: Record<StepTimeRule, Record<'zh-CN' | 'en', string>> = {
  another_day: {
    'zh-CN': '这是其他日期的任务（行程或送药），只能在当天执行',
    en: 'This job (a leg or a parcel) belongs to another day and can only be worked on its own day',
  },
  out_not_open: {
    'zh-CN': '放行出门须在计划接车前不久、车辆到达门口后进行',
    en: '"Out" opens shortly before the planned pickup, once the vehicle is at the gate',
  },
  arrival_not_open: {
    'zh-CN': '车辆尚未到达医院，暂不能确认到达',
    en: 'The vehicle has not reached the hospital yet; arrival cannot be confirmed',
  },
  vehicle_disinfecting: {
    'zh-CN': '车辆正在消杀，消杀结束前不能接新乘客上车',
    en: 'The vehicle is being disinfected; no passenger boards before the disinfection ends',
  },
  patient_aboard_elsewhere: {
    'zh-CN': '该患者仍在另一程车上，须先完成那一程',
    en: 'The patient is still aboard another leg; that leg must end first',
  },
  outbound_not_finished: {
    'zh-CN': '去程尚未完成（医院未确认到达），不能接返程',
    en: 'The outbound leg has not ended (the hospital has not confirmed the arrival); the return cannot be picked up yet',
  },
  treatment_not_over: {
    'zh-CN': '治疗尚未到计划结束时间；如需提前结束，请填写原因',
    en: 'The treatment is planned to last longer; to finish it early, give the reason',
  },
};

/** What the order rules read of the patient's other legs (their round trips, this one included). */
export interface OtherLegFacts {
  direction: LegDirection;
  status: LegStatus;
  /** The other leg of this leg's own round trip. */
  sameTrip: boolean;
}

/**
 * Whether the order of the patient's legs allows this step, given their other legs: a patient rides
 * one leg at a time (nobody boards — a step to `on_board` from a leg not yet aboard — while aboard
 * another leg), and a return is picked up, or reported a no-show at the hospital, only once its
 * outbound ended there. Null when it does; the refusal never opens by the clock (`opensAt` null).
 */
export function legOrderRefusal(
  step: LegStep,
  from: LegStatus,
  to: LegStatus,
  leg: { direction: LegDirection },
  others: readonly OtherLegFacts[],
): StepTimeRefusal | null {
  const boarding = to === 'on_board' && !ABOARD_LEG_STATUSES.includes(from);
  const missingAtHospital = step === 'no_show' && leg.direction === 'return';
  if (!boarding && !missingAtHospital) return null;
  if (boarding && others.some((o) => ABOARD_LEG_STATUSES.includes(o.status)))
    return { rule: 'patient_aboard_elsewhere', opensAt: null };
  const outbound = others.find((o) => o.sameTrip && o.direction === 'outbound');
  if (leg.direction === 'return' && outbound && outbound.status !== 'completed')
    return { rule: 'outbound_not_finished', opensAt: null };
  return null;
}

/** Treatment shorter than planned by more than this is "finished early": allowed, with a reason. */
export const EARLY_FINISH_GRACE_MINUTES = 15;

/**
 * When a fixed-duration treatment is planned to end: the outbound's arrival (or the appointment, if
 * the patient came early) plus the treatment time. Null when the return is will-call (no planned
 * duration) or the arrival is unknown.
 */
export function plannedTreatmentEnd(facts: {
  returnMode: 'fixed' | 'will_call';
  treatmentMinutes: number | null;
  arrivedAt: Date | null;
  appointmentEnd: Date;
}): Date | null {
  if (facts.returnMode !== 'fixed' || !facts.treatmentMinutes || !facts.arrivedAt) return null;
  const start = Math.max(facts.arrivedAt.getTime(), facts.appointmentEnd.getTime());
  return new Date(start + facts.treatmentMinutes * 60_000);
}

/**
 * "Treatment finished" before the planned end (less the grace) needs a reason: a hospital does end a
 * treatment early (it could not be given, the patient is unwell), and the record must say why. Null
 * when the treatment may be finished now without one.
 */
export function earlyFinishRefusal(plannedEnd: Date | null, now: Date): StepTimeRefusal | null {
  if (!plannedEnd) return null;
  if (now.getTime() >= plannedEnd.getTime() - EARLY_FINISH_GRACE_MINUTES * 60_000) return null;
  return { rule: 'treatment_not_over', opensAt: plannedEnd.toISOString() };
}

/**
 * Whether a passenger may board (a step to `on_board` from a leg not yet aboard) a vehicle that is
 * disinfecting until `disinfectingUntil` (rule 3): null when they may, else when boarding opens.
 */
export function boardingRefusal(
  from: LegStatus,
  to: LegStatus,
  disinfectingUntil: Date | null,
  now: Date,
): StepTimeRefusal | null {
  if (to !== 'on_board' || ABOARD_LEG_STATUSES.includes(from)) return null;
  if (!disinfectingUntil || disinfectingUntil.getTime() <= now.getTime()) return null;
  return { rule: 'vehicle_disinfecting', opensAt: disinfectingUntil.toISOString() };
}

export function formatStepTimeRefusal(refusal: StepTimeRefusal, locale: 'zh-CN' | 'en'): string {
  const base = STEP_TIME_MESSAGES[refusal.rule][locale];
  if (!refusal.opensAt) return base;
  if (refusal.rule === 'treatment_not_over')
    return locale === 'zh-CN'
      ? `${base}（计划结束时间：${refusal.opensAt}）`
      : `${base} (planned to end at ${refusal.opensAt})`;
  return locale === 'zh-CN'
    ? `${base}（开放时间：${refusal.opensAt}）`
    : `${base} (opens at ${refusal.opensAt})`;
}
