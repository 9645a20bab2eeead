import {
  addDays,
  cityDateOf,
  cityDayStart,
  decideStep,
  type InfectionClass,
  type LegStatus,
  type LegStep,
  type Mobility,
  REFUSAL_REASONS,
  type Role,
  rooms,
  stepTimeRefusal,
} from '@lastmeter/shared';
import { CITY_TIME_ZONE } from '../support/calendar.ts';
import { square, validNationalId } from '../support/factories.ts';
import type { Caller } from './caller.ts';
import type { SoakClient } from './clients.ts';
import type { Finding } from './invariants.ts';
import type { Prng } from './prng.ts';
import { type LegRow, readStreamHeads, type Snapshot } from './snapshot.ts';
import type { Party, SoakCompound, SoakWorld } from './world.ts';

/** What the generator remembers of what it created, in creation order (ids differ run to run). */
export interface PatientModel {
  index: number;
  id: string;
  compound: SoakCompound;
  mobility: Mobility;
  infectionClass: InfectionClass;
  companions: number;
}
export interface RequestModel {
  index: number;
  id: string;
  patient: PatientModel;
  urgency: 'scheduled' | 'emergency';
  tripIndex?: number;
}
export interface TripModel {
  index: number;
  id: string;
  request: RequestModel;
  outboundId: string;
  returnId: string;
}
export interface Model {
  patients: PatientModel[];
  requests: RequestModel[];
  trips: TripModel[];
  zones: { id: string; compound: SoakCompound; ended: boolean }[];
}

export interface OpContext {
  world: SoakWorld;
  prng: Prng;
  caller: Caller;
  clients: SoakClient[];
  model: Model;
  /** The database as the operation starts. */
  snapshot: Snapshot;
  /** Findings the operation itself establishes (lifecycle order, time guards). */
  findings: Finding[];
}

/** What an operation did; `plan` when it ran "plan the day" successfully. */
export interface OpOutcome {
  summary: string;
  plan?: { districtId: string; date: string; unservedLegIds: string[]; unmatchedRequestIds: string[] };
}

type Operation = (ctx: OpContext) => Promise<OpOutcome | null>;

export const OPERATION_WEIGHTS = {
  register_patient: 4,
  raise_request: 10,
  raise_emergency: 3,
  create_trip: 8,
  insert_trip: 5,
  plan_day: 4,
  assign_leg: 7,
  unassign_leg: 2,
  cancel_leg: 2,
  driver_response: 10,
  lifecycle_step: 18,
  wrong_party_step: 6,
  breakdown: 2,
  vehicle_back_on_duty: 2,
  zone_change: 3,
  socket_drop: 5,
  gatekeeper_scope: 1,
} as const;
export type OperationKind = keyof typeof OPERATION_WEIGHTS;

// ---------------------------------------------------------------- time, on the city's clock

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** `YYYY-MM-DD` in the city (shared/src/city-time.ts). */
const cityDate = (ms: number) => cityDateOf(ms, CITY_TIME_ZONE);
const cityMidnight = (date: string) => cityDayStart(date, CITY_TIME_ZONE).getTime();
const roundUpTo = (ms: number, step: number) => Math.ceil(ms / step) * step;
const iso = (ms: number) => new Date(ms).toISOString();

function days(now = Date.now()) {
  const today = cityDate(now);
  const tomorrow = addDays(today, 1);
  return { today, tomorrow };
}

// ---------------------------------------------------------------- labels

/**
 * Round trips the server opened by itself (plan the day opens the day's missing ones) join the model
 * in the order the database created them, so the day's steps reach them too.
 */
export function adoptTrips(model: Model, snapshot: Snapshot): void {
  const known = new Set(model.trips.map((t) => t.id));
  for (const leg of snapshot.legs) {
    if (known.has(leg.tripId) || leg.direction !== 'outbound') continue;
    const request = model.requests.find((r) => r.id === leg.requestId);
    const ret = snapshot.legs.find((l) => l.tripId === leg.tripId && l.direction === 'return');
    if (!request || !ret) continue;
    const trip: TripModel = {
      index: model.trips.length,
      id: leg.tripId,
      request,
      outboundId: leg.id,
      returnId: ret.id,
    };
    model.trips.push(trip);
    request.tripIndex = trip.index;
    known.add(trip.id);
  }
}

export function legLabel(model: Model, snapshot: Snapshot, legId: string): string {
  const trip = model.trips.find((t) => t.outboundId === legId || t.returnId === legId);
  const leg = snapshot.legs.find((l) => l.id === legId);
  if (!trip) return legId;
  const p = trip.request.patient;
  const dir = trip.outboundId === legId ? 'outbound' : 'return';
  return `trip#${trip.index}.${dir} (patient#${p.index} ${p.infectionClass} ${p.mobility}${
    p.companions ? `+${p.companions}` : ''
  }, ${trip.request.urgency}${leg ? `, ${leg.status}` : ''}, leg ${legId})`;
}

export function vehicleLabel(world: SoakWorld, vehicleId: string): string {
  return world.vehicles.find((v) => v.id === vehicleId)?.name ?? vehicleId;
}

// ---------------------------------------------------------------- helpers

const legOf = (ctx: OpContext, id: string) => ctx.snapshot.legs.find((l) => l.id === id);
const tripLegs = (ctx: OpContext) =>
  ctx.model.trips.flatMap((t) =>
    [legOf(ctx, t.outboundId), legOf(ctx, t.returnId)].flatMap((l) => (l ? [{ trip: t, leg: l }] : [])),
  );
const driverOf = (ctx: OpContext, vehicleId: string | null) =>
  ctx.world.vehicles.find((v) => v.id === vehicleId)?.driver;
const hospitalDesk = (ctx: OpContext, hospitalId: string) =>
  ctx.world.hospitals.find((h) => h.id === hospitalId)?.desk;
/** The compound's gatekeeper, while the compound is still theirs (admin may take it away). */
const gatekeeperOf = (ctx: OpContext, compoundId: string) => {
  const keeper = ctx.world.compounds.find((c) => c.id === compoundId)?.gatekeeper;
  return keeper?.compoundIds?.includes(compoundId) ? keeper : undefined;
};
const tripLabel = (t: TripModel) => `trip#${t.index}`;

/** Someone who must be refused: another district's dispatcher, a gatekeeper, a driver or a desk. */
function outsiderFor(ctx: OpContext, kind: 'dispatch' | 'registry'): Party {
  const { outsiders, hospitals, vehicles } = ctx.world;
  return kind === 'dispatch'
    ? ctx.prng.pick([
        outsiders.dispatcher,
        ctx.world.compounds[0]!.gatekeeper,
        vehicles[0]!.driver,
        hospitals[0]!.desk,
      ])
    : ctx.prng.pick([
        outsiders.gatekeeper,
        outsiders.quietGatekeeper,
        vehicles[1]!.driver,
        hospitals[1]!.desk,
      ]);
}

// ---------------------------------------------------------------- registry and requests

const registerPatient: Operation = async (ctx) => {
  const { prng, world } = ctx;
  const compound = prng.pick(world.compounds);
  const keeper = gatekeeperOf(ctx, compound.id);
  const wrong = !keeper || prng.chance(0.1);
  const party = keeper && !wrong ? keeper : outsiderFor(ctx, 'registry');
  const mobility = prng.weighted<Mobility>({ walk: 6, wheelchair: 2.5, stretcher: 1.5 });
  const infectionClass = prng.weighted<InfectionClass>({ normal: 6.5, close_contact: 2, positive: 1.5 });
  const companions = prng.weighted({ '0': 6, '1': 3, '2': 1 });
  const regular = prng.weighted({ h1: 6, h3: 3, none: 1 });
  const regularHospitalId =
    regular === 'h1' ? world.hospitals[0]!.id : regular === 'h3' ? world.hospitals[2]!.id : undefined;
  const res = await ctx.caller.call<{ id: string }>(
    party,
    'POST',
    `/compounds/${compound.id}/patients`,
    {
      name: prng.pick(['王建国', '李秀英', '张伟', '刘芳', '陈静', '杨磊']),
      nationalId: validNationalId(),
      phone: `138${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
      mobility,
      companions: Number(companions),
      infectionClass,
      ...(regularHospitalId ? { regularHospitalId } : {}),
      consent: { givenBy: '本人', relation: 'self', purposes: ['transport', 'hospital_handover'] },
    },
    wrong ? { expectRefusal: 'only the compound’s gatekeeper registers its patients' } : {},
  );
  if (res.status === 201 && !wrong) {
    ctx.model.patients.push({
      index: ctx.model.patients.length,
      id: res.body.id,
      compound,
      mobility,
      infectionClass,
      companions: Number(companions),
    });
  }
  return {
    summary: `register ${infectionClass} ${mobility}+${companions} patient in ${compound.name} as ${party.name} → ${res.status}`,
  };
};

/** A window for a scheduled visit: later today while there is room, else tomorrow. */
function scheduledWindow(prng: Prng): { start: number; end: number; when: string } {
  const now = Date.now();
  const { today, tomorrow } = days(now);
  const earliest = roundUpTo(now + 30 * MINUTE, 5 * MINUTE);
  const latest = cityMidnight(today) + 22 * HOUR + 30 * MINUTE;
  const late = now - 3 * HOUR;
  if (prng.chance(0.05) && cityDate(late) === today) {
    // Entered after the fact: the appointment is already over (the plan must say so, not ignore it).
    const start = roundUpTo(late, 5 * MINUTE);
    return { start, end: start + 30 * MINUTE, when: 'earlier today (passed)' };
  }
  if (earliest < latest && prng.chance(0.3)) {
    // Soon: its pickup is near, so the steps of the day can be taken now, not only refused.
    const start = Math.min(latest, earliest + prng.int(0, 6) * 5 * MINUTE);
    return { start, end: start + 30 * MINUTE, when: 'soon' };
  }
  if (earliest < latest && prng.chance(0.5)) {
    const start = earliest + prng.int(0, Math.floor((latest - earliest) / (5 * MINUTE))) * 5 * MINUTE;
    return { start, end: start + 30 * MINUTE, when: 'later today' };
  }
  const start = cityMidnight(tomorrow) + (7 * 60 + prng.int(0, 26) * 30) * MINUTE;
  return { start, end: start + 30 * MINUTE, when: 'tomorrow' };
}

const raiseRequest: Operation = async (ctx) => {
  const { prng, model, world } = ctx;
  if (!model.patients.length) return null;
  const patient = prng.pick(model.patients);
  const party = (prng.chance(0.5) && gatekeeperOf(ctx, patient.compound.id)) || world.dispatcher;
  const window = scheduledWindow(prng);
  const service = prng.pick(['dialysis', 'oncology', 'general'] as const);
  const willCall = prng.chance(0.3);
  const res = await ctx.caller.call<{ id: string }>(party, 'POST', `/patients/${patient.id}/requests`, {
    urgency: 'scheduled',
    service,
    windowStart: iso(window.start),
    windowEnd: iso(window.end),
    ...(willCall
      ? { returnMode: 'will_call' }
      : { returnMode: 'fixed', treatmentMinutes: prng.pick([30, 60, 120, 240]) }),
  });
  if (res.status === 201)
    model.requests.push({ index: model.requests.length, id: res.body.id, patient, urgency: 'scheduled' });
  return {
    summary: `${service} request for patient#${patient.index} ${window.when} ${iso(window.start)} (${
      willCall ? 'will-call' : 'fixed'
    }) as ${party.name} → ${res.status}`,
  };
};

const raiseEmergency: Operation = async (ctx) => {
  const { prng, model, world } = ctx;
  if (!model.patients.length) return null;
  const patient = prng.pick(model.patients);
  const party = (prng.chance(0.5) && gatekeeperOf(ctx, patient.compound.id)) || world.dispatcher;
  const res = await ctx.caller.call<{ id: string }>(party, 'POST', `/patients/${patient.id}/requests`, {
    urgency: 'emergency',
    service: 'emergency',
  });
  let summary = `emergency for patient#${patient.index} (${patient.infectionClass} ${patient.mobility}) as ${party.name} → ${res.status}`;
  if (res.status !== 201) return { summary };
  const request: RequestModel = {
    index: model.requests.length,
    id: res.body.id,
    patient,
    urgency: 'emergency',
  };
  model.requests.push(request);
  // Dispatch turns an emergency into a trip at once (which inserts it into the running plan).
  if (prng.chance(0.7)) summary += `; ${await openTrip(ctx, request, world.dispatcher)}`;
  return { summary };
};

async function openTrip(ctx: OpContext, request: RequestModel, party: Party, expectRefusal?: string) {
  const res = await ctx.caller.call<{ id: string; outbound: { id: string }; return: { id: string } }>(
    party,
    'POST',
    `/requests/${request.id}/trip`,
    undefined,
    expectRefusal ? { expectRefusal } : {},
  );
  if (res.status === 201 && !expectRefusal) {
    const trip: TripModel = {
      index: ctx.model.trips.length,
      id: res.body.id,
      request,
      outboundId: res.body.outbound.id,
      returnId: res.body.return.id,
    };
    ctx.model.trips.push(trip);
    request.tripIndex = trip.index;
    return `round trip for request#${request.index} as ${party.name} → ${res.status} ${tripLabel(trip)}`;
  }
  return `round trip for request#${request.index} as ${party.name} → ${res.status} ${res.code ?? ''}`;
}

const createTrip: Operation = async (ctx) => {
  const open = ctx.model.requests.filter(
    (r) => r.tripIndex === undefined && ctx.snapshot.requests.find((s) => s.id === r.id && !s.tripId),
  );
  if (!open.length) return null;
  const request = ctx.prng.pick(open);
  const wrong = ctx.prng.chance(0.1);
  const party = wrong ? outsiderFor(ctx, 'dispatch') : ctx.world.dispatcher;
  return {
    summary: await openTrip(ctx, request, party, wrong ? 'only dispatch opens round trips' : undefined),
  };
};

// ---------------------------------------------------------------- dispatch

const insertTrip: Operation = async (ctx) => {
  const waiting = ctx.model.trips.filter((t) =>
    [legOf(ctx, t.outboundId), legOf(ctx, t.returnId)].some(
      (l) => l && ['planned', 'declined'].includes(l.status),
    ),
  );
  if (!waiting.length) return null;
  const trip = ctx.prng.pick(waiting);
  const res = await ctx.caller.call(ctx.world.dispatcher, 'POST', `/trips/${trip.id}/insert`);
  return { summary: `insert ${tripLabel(trip)} into the running plan → ${res.status} ${res.code ?? ''}` };
};

const planDay: Operation = async (ctx) => {
  const { prng, world } = ctx;
  const { today, tomorrow } = days();
  const date = prng.chance(0.6) ? today : tomorrow;
  const wrong = prng.chance(0.1);
  const party = wrong ? outsiderFor(ctx, 'dispatch') : world.dispatcher;
  const res = await ctx.caller.call<{
    served: { legId: string }[];
    unserved: { legId: string }[];
    trips: { created: number; unmatched: { requestId: string }[] };
    onlineVisits: { booked: number; unmatched: { requestId: string }[] };
  }>(
    party,
    'POST',
    `/districts/${world.districtId}/plan`,
    { date, seed: prng.int(1, 1_000_000), iterations: 40 },
    wrong ? { expectRefusal: 'only the district’s dispatcher plans its day' } : {},
  );
  const summary = `plan ${date === today ? 'today' : 'tomorrow'} (${date}) as ${party.name} → ${res.status} ${
    res.ok
      ? `served ${res.body.served.length}, unserved ${res.body.unserved.length}, trips created ${res.body.trips.created}`
      : (res.code ?? '')
  }`;
  if (!res.ok || wrong) return { summary };
  return {
    summary,
    plan: {
      districtId: world.districtId,
      date,
      unservedLegIds: res.body.unserved.map((u) => u.legId),
      unmatchedRequestIds: [
        ...res.body.trips.unmatched.map((u) => u.requestId),
        ...res.body.onlineVisits.unmatched.map((u) => u.requestId),
      ],
    },
  };
};

const assignLeg: Operation = async (ctx) => {
  const { prng, world } = ctx;
  const reassign = prng.chance(0.3);
  const candidates = tripLegs(ctx).filter(({ leg }) =>
    reassign ? ['assigned', 'accepted'].includes(leg.status) : ['planned', 'declined'].includes(leg.status),
  );
  if (!candidates.length) return null;
  const { trip, leg } = prng.pick(candidates);
  const foreign = prng.chance(0.05);
  // Any vehicle of the district, suitable or not: the server must refuse what breaks a rule.
  const vehicleId = foreign ? world.otherVehicleId : prng.pick(world.vehicles).id;
  const res = await ctx.caller.call(
    world.dispatcher,
    'POST',
    `/legs/${leg.id}/assign`,
    { vehicleId },
    foreign ? { expectRefusal: 'a vehicle of another district' } : {},
  );
  return {
    summary: `${reassign ? 're' : ''}assign ${tripLabel(trip)}.${leg.direction} (${trip.request.patient.infectionClass} ${
      trip.request.patient.mobility
    }, ${trip.request.urgency}) to ${foreign ? 'another district’s car' : vehicleLabel(world, vehicleId)} → ${res.status} ${res.code ?? ''}`,
  };
};

const unassignLeg: Operation = async (ctx) => {
  const candidates = tripLegs(ctx).filter(({ leg }) =>
    ['assigned', 'accepted', 'en_route'].includes(leg.status),
  );
  if (!candidates.length) return null;
  const { trip, leg } = ctx.prng.pick(candidates);
  const res = await ctx.caller.call(ctx.world.dispatcher, 'POST', `/legs/${leg.id}/unassign`, {});
  return {
    summary: `unassign ${tripLabel(trip)}.${leg.direction} (${leg.status}) → ${res.status} ${res.code ?? ''}`,
  };
};

const cancelLeg: Operation = async (ctx) => {
  const candidates = tripLegs(ctx).filter(
    ({ leg }) => !['completed', 'cancelled', 'no_show', 'on_board', 'arrived'].includes(leg.status),
  );
  if (!candidates.length) return null;
  const { trip, leg } = ctx.prng.pick(candidates);
  const res = await ctx.caller.call(ctx.world.dispatcher, 'POST', `/legs/${leg.id}/cancel`, {
    reason: '患者取消',
  });
  return {
    summary: `cancel ${tripLabel(trip)}.${leg.direction} (${leg.status}) → ${res.status} ${res.code ?? ''}`,
  };
};

const breakdown: Operation = async (ctx) => {
  const { prng, world } = ctx;
  const onDuty = world.vehicles.filter((v) => ctx.snapshot.vehicles.get(v.id)?.status !== 'off');
  // Keep most of the fleet running: a day with every car broken down tests nothing.
  if (onDuty.length <= world.vehicles.length - 2) return null;
  const busy = onDuty.filter((v) =>
    ctx.snapshot.legs.some((l) => l.vehicleId === v.id && l.status === 'assigned'),
  );
  const vehicle = prng.pick(busy.length ? busy : onDuty);
  const party = prng.chance(0.7) ? world.dispatcher : vehicle.driver;
  const res = await ctx.caller.call(party, 'POST', `/vehicles/${vehicle.id}/breakdown`, {
    note: '发动机故障',
  });
  return {
    summary: `breakdown of ${vehicle.name} reported by ${party.name} → ${res.status} ${res.code ?? ''}`,
  };
};

const vehicleBack: Operation = async (ctx) => {
  const off = ctx.world.vehicles.filter((v) => ctx.snapshot.vehicles.get(v.id)?.status === 'off');
  if (!off.length) return null;
  const vehicle = ctx.prng.pick(off);
  const res = await ctx.caller.call(ctx.world.dispatcher, 'PATCH', `/vehicles/${vehicle.id}`, {
    status: 'available',
  });
  return { summary: `${vehicle.name} back on duty → ${res.status} ${res.code ?? ''}` };
};

const zoneChange: Operation = async (ctx) => {
  const { prng, world, model } = ctx;
  const live = model.zones.filter((z) => !z.ended);
  if (live.length && prng.chance(0.4)) {
    const zone = prng.pick(live);
    const res = await ctx.caller.call(world.dispatcher, 'POST', `/zones/${zone.id}/end`);
    if (res.ok) zone.ended = true;
    return { summary: `lift the zone over ${zone.compound.name} → ${res.status} ${res.code ?? ''}` };
  }
  const compound = prng.pick(world.compounds);
  const level = prng.pick(['sealed', 'controlled', 'precaution'] as const);
  const wrong = prng.chance(0.1);
  const party = wrong ? compound.gatekeeper : world.dispatcher;
  const res = await ctx.caller.call<{ zones: { id: string }[] }>(
    party,
    'POST',
    `/districts/${world.districtId}/zones`,
    {
      name: `${compound.name}${level}区`,
      level,
      geometry: square(compound.center[0], compound.center[1], 0.003),
    },
    wrong ? { expectRefusal: 'gatekeepers read zones, dispatch draws them' } : {},
  );
  const id = res.body.zones?.[0]?.id;
  if (res.ok && id && !wrong) model.zones.push({ id, compound, ended: false });
  return {
    summary: `${level} zone over ${compound.name} as ${party.name} → ${res.status} ${res.code ?? ''}`,
  };
};

// ---------------------------------------------------------------- drivers, gates, hospitals

const STEP_PATHS: Record<Exclude<LegStep, 'assign' | 'unassign' | 'cancel' | 'resume'>, string> = {
  accept: 'accept',
  decline: 'decline',
  depart: 'en-route',
  reach_pickup: 'at-pickup',
  board: 'on-board',
  out: 'out',
  arrive: 'arrive',
  confirm_arrival: 'arrived',
  back: 'back',
  no_show: 'no-show',
  refuse_at_gate: 'refused-at-gate',
};
type DriveStep = keyof typeof STEP_PATHS;
/** Steps that take on, or move, a patient or a vehicle: only on the leg's own day. */
const WORKING_STEPS: readonly DriveStep[] = [
  'accept',
  'depart',
  'reach_pickup',
  'board',
  'out',
  'arrive',
  'confirm_arrival',
  'back',
  'no_show',
  'refuse_at_gate',
];

function stepBody(step: DriveStep, prng: Prng): Record<string, unknown> {
  if (step === 'decline') return { reason: '车辆临时有事' };
  if (step === 'refuse_at_gate') return { reason: prng.pick(REFUSAL_REASONS), note: '门口要求核酸报告' };
  return {};
}

async function takeStep(
  ctx: OpContext,
  trip: TripModel,
  leg: LegRow,
  step: DriveStep,
  party: Party,
  expectRefusal?: string,
): Promise<string> {
  const res = await ctx.caller.call(
    party,
    'POST',
    `/legs/${leg.id}/${STEP_PATHS[step]}`,
    stepBody(step, ctx.prng),
    expectRefusal ? { expectRefusal } : {},
  );
  if (res.ok && !expectRefusal) {
    const verdict = decideStep(step, { status: leg.status, direction: leg.direction }, party.role);
    if (!verdict.ok) {
      ctx.findings.push({
        invariant: 'lifecycle_order',
        key: `lifecycle|${leg.id}|${step}|${leg.status}`,
        detail: `${step} accepted on a ${leg.direction} leg in status ${leg.status} (${verdict.reason})`,
        legIds: [leg.id],
      });
    }
    const today = cityDate(Date.now());
    if (WORKING_STEPS.includes(step) && leg.date !== today) {
      ctx.findings.push({
        invariant: 'step_time_guard',
        key: `time|${leg.id}|${step}`,
        detail: `${step} by ${party.name} accepted on a leg of ${leg.date} while today is ${today}`,
        legIds: [leg.id],
      });
    }
    // "Out" long before the pickup, "arrived" at the hospital while the car is still far away.
    const at = (ms: number | null) => (ms === null ? null : new Date(ms));
    const early = stepTimeRefusal(
      step,
      {
        status: leg.status,
        date: leg.date,
        plannedPickupAt: at(leg.plannedPickupAt),
        plannedDropoffAt: at(leg.plannedDropoffAt),
      },
      new Date(),
      { timeZone: CITY_TIME_ZONE },
    );
    if (early && early.rule !== 'another_day') {
      ctx.findings.push({
        invariant: 'step_time_guard',
        key: `time|${leg.id}|${step}|${early.rule}`,
        detail: `${step} by ${party.name} accepted while ${early.rule} (opens at ${early.opensAt})`,
        legIds: [leg.id],
      });
    }
  }
  return `${step} on ${tripLabel(trip)}.${leg.direction} (${leg.status}, ${leg.date}) as ${party.name} → ${res.status} ${res.code ?? ''}`;
}

const driverResponse: Operation = async (ctx) => {
  const candidates = tripLegs(ctx).filter(({ leg }) => leg.status === 'assigned' && leg.vehicleId);
  if (!candidates.length) return null;
  const { trip, leg } = ctx.prng.pick(candidates);
  const driver = driverOf(ctx, leg.vehicleId);
  if (!driver) return null;
  const step = ctx.prng.chance(0.75) ? 'accept' : 'decline';
  return { summary: await takeStep(ctx, trip, leg, step, driver) };
};

/** The next plausible steps of a leg, each with the party whose step it is. */
function rightSteps(ctx: OpContext, trip: TripModel, leg: LegRow): { step: DriveStep; party: Party }[] {
  const driver = driverOf(ctx, leg.vehicleId);
  const gatekeeper = gatekeeperOf(ctx, leg.compoundId);
  const desk = hospitalDesk(ctx, leg.hospitalId);
  const out: { step: DriveStep; party: Party | undefined }[] = [];
  const outbound = leg.direction === 'outbound';
  switch (leg.status) {
    case 'accepted':
      out.push({ step: 'depart', party: driver }, { step: 'reach_pickup', party: driver });
      out.push(outbound ? { step: 'out', party: gatekeeper } : { step: 'board', party: driver });
      break;
    case 'en_route':
      out.push({ step: 'reach_pickup', party: driver });
      out.push(outbound ? { step: 'out', party: gatekeeper } : { step: 'board', party: driver });
      break;
    case 'at_pickup':
      out.push(outbound ? { step: 'out', party: gatekeeper } : { step: 'board', party: driver });
      out.push(outbound ? { step: 'out', party: gatekeeper } : { step: 'board', party: driver });
      if (ctx.prng.chance(0.2)) out.push({ step: 'no_show', party: driver });
      break;
    case 'on_board':
    case 'arrived':
      if (leg.status === 'on_board') out.push({ step: 'arrive', party: driver });
      out.push(outbound ? { step: 'confirm_arrival', party: desk } : { step: 'back', party: gatekeeper });
      if (outbound && ctx.prng.chance(0.15)) out.push({ step: 'refuse_at_gate', party: driver });
      break;
    default:
      break;
  }
  void trip;
  return out.flatMap((o) => (o.party ? [{ step: o.step, party: o.party }] : []));
}

const lifecycleStep: Operation = async (ctx) => {
  const { prng } = ctx;
  // Treatment finished: the hospital releases a return (will-call) or says a fixed one is done early.
  const inTreatment = ctx.model.trips.filter((t) => {
    const out = legOf(ctx, t.outboundId);
    const ret = legOf(ctx, t.returnId);
    return out?.status === 'completed' && ret && ['planned', 'assigned', 'accepted'].includes(ret.status);
  });
  if (inTreatment.length && prng.chance(0.25)) {
    const trip = prng.pick(inTreatment);
    const ret = legOf(ctx, trip.returnId)!;
    const desk = hospitalDesk(ctx, ret.hospitalId)!;
    // A fixed treatment ended well before its planned end needs the reason (the hospital gives one).
    const res = await ctx.caller.call(
      desk,
      'POST',
      `/trips/${trip.id}/treatment-finished`,
      ret.released ? { earlyReason: '患者不适，提前结束透析' } : undefined,
    );
    return {
      summary: `treatment finished for ${tripLabel(trip)} (return ${ret.released ? 'fixed' : 'will-call'}) as ${desk.name} → ${res.status} ${res.code ?? ''}`,
    };
  }
  // A refusal at the hospital gate waits for dispatch.
  const refused = tripLegs(ctx).filter(({ leg }) => leg.status === 'refused_at_gate');
  if (refused.length && prng.chance(0.6)) {
    const { trip, leg } = prng.pick(refused);
    const list = await ctx.caller.call<{ id: string; legId: string | null; kind: string }[]>(
      ctx.world.dispatcher,
      'GET',
      `/incidents?districtId=${ctx.world.districtId}&open=true`,
    );
    const incident = Array.isArray(list.body) ? list.body.find((i) => i.legId === leg.id) : undefined;
    if (!incident) return { summary: `no open incident for refused ${tripLabel(trip)}.${leg.direction}` };
    const action = prng.pick(['resume', 'cancel'] as const);
    const res = await ctx.caller.call(ctx.world.dispatcher, 'POST', `/incidents/${incident.id}/resolve`, {
      resolution: action === 'resume' ? '已协调医院接收' : '改日再约',
      action,
    });
    return {
      summary: `resolve the refusal of ${tripLabel(trip)} with ${action} → ${res.status} ${res.code ?? ''}`,
    };
  }
  const moving = tripLegs(ctx).flatMap(({ trip, leg }) =>
    rightSteps(ctx, trip, leg).map((s) => ({ trip, leg, ...s })),
  );
  if (!moving.length) return null;
  const { trip, leg, step, party } = prng.pick(moving);
  return { summary: await takeStep(ctx, trip, leg, step, party) };
};

/** A step by someone whose step it is not: another vehicle's driver, another compound's gate, … */
const wrongPartyStep: Operation = async (ctx) => {
  const { prng, world } = ctx;
  const all = tripLegs(ctx);
  if (!all.length) return null;
  const { trip, leg } = prng.pick(all);
  const step = prng.pick(Object.keys(STEP_PATHS) as DriveStep[]);
  const rightParty = (p: Party): boolean => {
    const rule: Role[] =
      step === 'out' || step === 'back'
        ? ['gatekeeper']
        : step === 'confirm_arrival'
          ? ['hospital']
          : ['driver'];
    if (!rule.includes(p.role)) return false;
    if (p.role === 'driver') return p.vehicleId === leg.vehicleId;
    if (p.role === 'gatekeeper') return Boolean(p.compoundIds?.includes(leg.compoundId));
    return p.hospitalId === leg.hospitalId;
  };
  const wrong = world.parties.filter((p) => !rightParty(p) && p.role !== 'admin');
  const party = prng.pick(wrong);
  return {
    summary: await takeStep(ctx, trip, leg, step, party, `${party.name} may not ${step} this leg`),
  };
};

const socketDrop: Operation = async (ctx) => {
  const client = ctx.prng.pick(ctx.clients);
  if (!client.connected) {
    await client.connect();
    return { summary: `${client.party.name} reconnects, resuming` };
  }
  client.disconnect();
  if (ctx.prng.chance(0.5)) {
    await client.connect();
    return { summary: `${client.party.name}'s socket drops and reconnects at once, resuming` };
  }
  return { summary: `${client.party.name}'s socket drops` };
};

/**
 * Admin takes a compound away from its gatekeeper, or gives it back: the gatekeeper's open socket
 * must leave that compound's stream at once (and join it again), without reconnecting.
 */
const gatekeeperScope: Operation = async (ctx) => {
  const { world } = ctx;
  const compound = world.compounds[1]!;
  const keeper = compound.gatekeeper;
  const client = ctx.clients.find((c) => c.party === keeper);
  if (!client) return null;
  const had = keeper.compoundIds?.includes(compound.id) ?? false;
  const stream = rooms.compound(compound.id);
  const before = (await readStreamHeads(world.db)).get(stream) ?? 0;
  const res = await ctx.caller.call(world.admin, 'PUT', `/compounds/${compound.id}/gatekeepers`, {
    accountIds: had ? [] : [keeper.accountId],
  });
  const after = (await readStreamHeads(world.db)).get(stream) ?? 0;
  if (res.ok) {
    const op = client.op;
    if (had) {
      keeper.compoundIds = keeper.compoundIds?.filter((id) => id !== compound.id) ?? [];
      client.leave(stream, op, before, after);
    } else {
      keeper.compoundIds = [...(keeper.compoundIds ?? []), compound.id];
      client.join(stream, op, after);
    }
  }
  return {
    summary: `admin ${had ? 'takes' : 'gives'} ${compound.name} ${had ? 'from' : 'back to'} ${keeper.name} → ${res.status} ${res.code ?? ''}`,
  };
};

export const OPERATIONS: Record<OperationKind, Operation> = {
  gatekeeper_scope: gatekeeperScope,
  register_patient: registerPatient,
  raise_request: raiseRequest,
  raise_emergency: raiseEmergency,
  create_trip: createTrip,
  insert_trip: insertTrip,
  plan_day: planDay,
  assign_leg: assignLeg,
  unassign_leg: unassignLeg,
  cancel_leg: cancelLeg,
  driver_response: driverResponse,
  lifecycle_step: lifecycleStep,
  wrong_party_step: wrongPartyStep,
  breakdown,
  vehicle_back_on_duty: vehicleBack,
  zone_change: zoneChange,
  socket_drop: socketDrop,
};

/** Leg statuses the generator treats as finished. */
export const FINISHED: readonly LegStatus[] = ['completed', 'cancelled', 'no_show'];
