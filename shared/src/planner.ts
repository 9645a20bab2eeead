import { z } from 'zod';
import { fillPlaceholders } from './catalog.ts';
import {
  INFECTION_CLASSES,
  type InfectionClass,
  MOBILITIES,
  type Mobility,
  SERVICES,
  type Service,
  URGENCIES,
  type Urgency,
  VEHICLE_KINDS,
  type VehicleKind,
} from './domain.ts';
import type { Locale } from './errors.ts';

export type { Locale };

/**
 * Planner contracts: the closed sets of hospital-match reasons and unserved reasons (with zh-CN
 * and English messages the dispatcher sees), and the zod schemas of the planner's input and
 * output as the API will carry them. Times are epoch milliseconds; points are [lng, lat].
 */

// The planner speaks the domain's vocabulary (domain.ts); these schemas only wrap it for zod.
export const vehicleKindSchema = z.enum(VEHICLE_KINDS);
export type { VehicleKind };
export const mobilitySchema = z.enum(MOBILITIES);
export type { Mobility };
export const infectionClassSchema = z.enum(INFECTION_CLASSES);
export type { InfectionClass };
export const urgencySchema = z.enum(URGENCIES);
export type { Urgency };
export const careServiceSchema = z.enum(SERVICES);
export type CareService = Service;

/** [longitude, latitude] in WGS84 degrees. */
export const lngLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LngLat = z.infer<typeof lngLatSchema>;
const epochMs = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------
// Reason codes

/** Why a hospital was chosen. */
export const matchReasonCodes = ['requested_hospital', 'regular_hospital', 'nearest_capable'] as const;
export type MatchReasonCode = (typeof matchReasonCodes)[number];

/** Why the regular hospital was not chosen (a parameter of `nearest_capable`). */
export const regularSkipCodes = [
  'no_regular_hospital',
  'regular_no_service',
  'regular_full',
  'regular_diverting',
  'regular_rejects_positive',
  'regular_out_of_range',
] as const;
export type RegularSkipCode = (typeof regularSkipCodes)[number];

/** Why no hospital could be matched. */
export const unmatchedCodes = [
  'no_capable_hospital',
  'no_hospital_accepts_positive',
  'all_capable_diverting',
  'no_capacity',
  'no_hospital_in_range',
] as const;
export type UnmatchedCode = (typeof unmatchedCodes)[number];

/** Why a leg has no vehicle. */
export const unservedCodes = [
  'hospital_unmatched',
  'no_ambulance',
  'no_compatible_vehicle',
  'outside_vehicle_hours',
  'fleet_busy',
  'linked_leg_unserved',
  'vehicle_broken_down',
  'window_passed',
] as const;
export type UnservedCode = (typeof unservedCodes)[number];

export type PlannerReasonCode = MatchReasonCode | RegularSkipCode | UnmatchedCode | UnservedCode;
export type ReasonParams = Record<string, string | number>;
export interface Reason<C extends PlannerReasonCode = PlannerReasonCode> {
  code: C;
  params: ReasonParams;
}

/** Message templates; `{name}` is replaced by the reason's parameter of that name. */
export const plannerMessages: Record<PlannerReasonCode, Record<Locale, string>> = {
  requested_hospital: {
    'zh-CN': '按指定医院 {hospital} 安排',
    en: 'Booked at the requested hospital {hospital}',
  },
  regular_hospital: {
    'zh-CN': '首选常去医院 {hospital}（连续治疗），本时段尚有余量',
    en: 'Regular hospital {hospital} (continuity of care) has capacity in this slot',
  },
  nearest_capable: {
    'zh-CN': '常去医院不可用（{why}），改派最近的可接诊医院 {hospital}，车程约 {minutes} 分钟',
    en: 'Regular hospital unavailable ({why}); nearest capable hospital {hospital}, about {minutes} min away',
  },
  no_regular_hospital: { 'zh-CN': '未登记常去医院', en: 'no regular hospital on record' },
  regular_no_service: {
    'zh-CN': '常去医院不提供该项服务',
    en: 'the regular hospital does not offer this service',
  },
  regular_full: { 'zh-CN': '常去医院该时段已满', en: 'the regular hospital is full in this slot' },
  regular_diverting: { 'zh-CN': '常去医院暂停接收', en: 'the regular hospital is diverting' },
  regular_rejects_positive: {
    'zh-CN': '常去医院不接收阳性患者',
    en: 'the regular hospital does not take positive patients',
  },
  regular_out_of_range: { 'zh-CN': '常去医院超出可达范围', en: 'the regular hospital is out of range' },
  no_capable_hospital: { 'zh-CN': '没有医院提供 {service} 服务', en: 'No hospital offers {service}' },
  no_hospital_accepts_positive: {
    'zh-CN': '没有提供 {service} 的医院接收阳性患者',
    en: 'No hospital offering {service} takes positive patients',
  },
  all_capable_diverting: {
    'zh-CN': '可接诊 {service} 的医院均暂停接收',
    en: 'Every hospital offering {service} is diverting',
  },
  no_capacity: { 'zh-CN': '可接诊医院在该时段均已满员', en: 'Every capable hospital is full in this slot' },
  no_hospital_in_range: {
    'zh-CN': '{minutes} 分钟车程内没有可接诊医院',
    en: 'No capable hospital within {minutes} min',
  },
  hospital_unmatched: { 'zh-CN': '未匹配到医院，无法派车', en: 'No hospital matched, so no vehicle' },
  no_ambulance: {
    'zh-CN': '需要 120 救护车，但没有可用的救护车',
    en: 'Needs a 120 ambulance and none is available',
  },
  no_compatible_vehicle: {
    'zh-CN': '没有满足座位/轮椅位/担架要求的车辆',
    en: 'No vehicle has the seats, wheelchair places or stretcher this needs',
  },
  outside_vehicle_hours: {
    'zh-CN': '没有车辆能在其班次内按时到达',
    en: 'No vehicle can make the time window within its shift',
  },
  fleet_busy: { 'zh-CN': '所有合适车辆在该时段均已排满', en: 'Every suitable vehicle is busy at that time' },
  linked_leg_unserved: {
    'zh-CN': '往返闭环：另一程无法安排，本程一并不派',
    en: 'Closed loop: the linked leg cannot be served, so neither is booked',
  },
  vehicle_broken_down: {
    'zh-CN': '原车辆 {vehicle} 故障，且暂无车辆可接替',
    en: 'Vehicle {vehicle} broke down and no vehicle can take over yet',
  },
  window_passed: {
    'zh-CN': '就诊时间已过，无法再按时送达',
    en: 'The appointment time has passed: no vehicle can get there in time now',
  },
};

export function formatPlannerReason(reason: Reason, locale: Locale): string {
  const params: ReasonParams = { ...reason.params };
  // A nested code (e.g. why the regular hospital was skipped) is translated too.
  for (const [k, val] of Object.entries(params)) {
    if (typeof val === 'string' && val in plannerMessages)
      params[k] = plannerMessages[val as PlannerReasonCode][locale];
  }
  return fillPlaceholders(plannerMessages[reason.code][locale], params);
}

export const reasonSchema = z.object({
  code: z.enum([...matchReasonCodes, ...regularSkipCodes, ...unmatchedCodes, ...unservedCodes]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

// ---------------------------------------------------------------------------------------------
// Hospital matching

export const hospitalSlotSchema = z.object({
  /** Slot start (epoch ms), inclusive. */
  start: epochMs,
  /** Slot end (epoch ms), exclusive. */
  end: epochMs,
  /** Patients the hospital can take for this service in this slot. */
  capacity: z.number().int().nonnegative(),
});

export const hospitalServiceSchema = z.object({
  service: careServiceSchema,
  /** Capacity per slot; omitted = no slot limit (e.g. an emergency department). */
  slots: z.array(hospitalSlotSchema).optional(),
});

export const matchHospitalSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Entrance where vehicles drop off and pick up. */
  entrance: lngLatSchema,
  services: z.array(hospitalServiceSchema),
  /** Designated hospital / isolation ward: takes `positive` patients. */
  acceptsPositive: z.boolean(),
  /** Temporarily not admitting: avoided by matching. */
  diverting: z.boolean(),
});
export type MatchHospital = z.infer<typeof matchHospitalSchema>;

export const matchRequestSchema = z.object({
  id: z.string().min(1),
  /** Compound gate the patient leaves from. */
  gate: lngLatSchema,
  service: careServiceSchema,
  /** Appointment time (epoch ms); selects the hospital slot. */
  appointmentAt: epochMs,
  infectionClass: infectionClassSchema,
  urgency: urgencySchema,
  regularHospitalId: z.string().optional(),
  /** A dispatcher's explicit choice; used when it can take the patient. */
  requestedHospitalId: z.string().optional(),
});
export type MatchRequest = z.infer<typeof matchRequestSchema>;

export const matchPolicySchema = z.object({
  /** Hospitals farther than this (travel minutes from the gate) are out of range. */
  maxTravelMinutes: z.number().positive().default(60),
});
export type MatchPolicy = z.infer<typeof matchPolicySchema>;

// ---------------------------------------------------------------------------------------------
// Vehicle scheduling

/** A stop of an accepted leg; leg ids are `${tripId}:out` and `${tripId}:ret` (a delivery's `${id}:dlv`). */
export const fixedStopSchema = z.object({ legId: z.string(), type: z.enum(['pickup', 'dropoff']) });

export const planVehicleSchema = z.object({
  id: z.string().min(1),
  kind: vehicleKindSchema,
  /** Seats for walking patients and companions (driver excluded). */
  seats: z.number().int().nonnegative(),
  wheelchairPlaces: z.number().int().nonnegative(),
  stretchers: z.number().int().nonnegative(),
  base: lngLatSchema,
  shiftStart: epochMs,
  shiftEnd: epochMs,
  /** Minutes out of service for disinfection once emptied after a dirty passenger. */
  disinfectionMinutes: z.number().nonnegative(),
  /** Where and from when the vehicle is free, when re-planning during the day (default: base at shift start). */
  availableFrom: z.object({ at: lngLatSchema, time: epochMs }).optional(),
  /**
   * Stops of legs already accepted by this vehicle's driver, in driving order: they stay on this
   * vehicle in this order when re-planning (each accepted leg lists its pickup and its drop-off,
   * or only its drop-off when it is in `onboardLegs`).
   */
  fixedStops: z.array(fixedStopSchema).default([]),
  /** Legs whose patient is already on board (their pickup happened): dropped first, by this vehicle. */
  onboardLegs: z.array(z.string()).default([]),
});
export type PlanVehicle = z.input<typeof planVehicleSchema>;

export const returnModeSchema = z.discriminatedUnion('kind', [
  /** Return pickup no earlier than appointment end + treatment minutes. */
  z.object({ kind: z.literal('fixed'), treatmentMinutes: z.number().nonnegative() }),
  /** Return planned once the hospital marks the patient ready (`releasedAt`). */
  z.object({ kind: z.literal('will_call'), releasedAt: epochMs.optional() }),
]);

export const planTripSchema = z.object({
  id: z.string().min(1),
  gate: lngLatSchema,
  hospitalId: z.string().min(1),
  hospitalEntrance: lngLatSchema,
  /** Arrival window at the hospital (start of the drop-off). */
  appointmentFrom: epochMs,
  appointmentTo: epochMs,
  mobility: mobilitySchema,
  companions: z.number().int().nonnegative().default(0),
  infectionClass: infectionClassSchema,
  urgency: urgencySchema,
  returnMode: returnModeSchema,
  /** The outbound leg is already done (only the return is planned). */
  outboundDone: z.boolean().default(false),
  /** Earliest time the patient can be at the gate (default: derived from the ride time). */
  readyAt: epochMs.optional(),
  /** Vehicles this trip's legs must not go on (e.g. the one whose driver just declined it). */
  forbiddenVehicleIds: z.array(z.string()).default([]),
});
export type PlanTrip = z.input<typeof planTripSchema>;

/**
 * A medicine delivery: a one-way job from a hospital pharmacy to a compound gate (issue 12). A parcel
 * takes no seat and no infection rule applies to it, but it never rides with a close-contact or
 * positive patient; only volunteer and requisitioned vehicles take it. Its planner leg id is `${id}:dlv`.
 */
export const planDeliverySchema = z.object({
  id: z.string().min(1),
  /** The hospital entrance where the pharmacy hands out the parcel. */
  pharmacy: lngLatSchema,
  gate: lngLatSchema,
  /** When the parcel can be collected (epoch ms). */
  pickupFrom: epochMs,
  pickupTo: epochMs,
  /** When the gate can take it (epoch ms). */
  dropoffFrom: epochMs,
  dropoffTo: epochMs,
  forbiddenVehicleIds: z.array(z.string()).default([]),
});
export type PlanDelivery = z.input<typeof planDeliverySchema>;

export const maxRideSchema = z.discriminatedUnion('kind', [
  /** max(minimumMinutes, factor × direct travel time). */
  z.object({
    kind: z.literal('factor'),
    factor: z.number().min(1),
    minimumMinutes: z.number().nonnegative(),
  }),
  z.object({ kind: z.literal('absolute'), minutes: z.number().positive() }),
]);

export const planPolicySchema = z.object({
  /** 一车一患者: never two patients on board at once. */
  onePatientPerVehicle: z.boolean().default(false),
  /** 一客一消杀: disinfect after every passenger, not only close contacts and positives. */
  disinfectAfterEveryPassenger: z.boolean().default(false),
  maxRide: maxRideSchema.default({ kind: 'factor', factor: 2, minimumMinutes: 30 }),
  /** Longest working route of one vehicle, minutes (the shift bounds it too). */
  maxRouteDurationMinutes: z
    .number()
    .positive()
    .default(12 * 60),
  /** Width of the return pickup window after treatment ends, minutes. */
  returnPickupFlexMinutes: z.number().positive().default(45),
  /** Width of the pickup window after a will-call release, minutes. */
  willCallFlexMinutes: z.number().positive().default(30),
});
export type PlanPolicy = z.input<typeof planPolicySchema>;

export const planInputSchema = z.object({
  vehicles: z.array(planVehicleSchema),
  trips: z.array(planTripSchema),
  deliveries: z.array(planDeliverySchema).default([]),
  policy: planPolicySchema.prefault({}),
});
export type PlanInput = z.input<typeof planInputSchema>;
export type ParsedPlanInput = z.output<typeof planInputSchema>;
