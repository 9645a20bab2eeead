import { z } from 'zod';
import {
  COMPOUND_LEVELS,
  CROWDING_LEVELS,
  HOSPITAL_STATUSES,
  INFECTION_CLASSES,
  MOBILITIES,
  NEED_KINDS,
  REQUEST_STATUSES,
  SERVICES,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
  ZONE_LEVELS,
} from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { type PolygonProblemCode, validatePolygonal } from '../geo/zone-level.ts';
import { CareWaysFigures } from './online-visits.ts';
import { instant, line } from './text.ts';

// ---------------------------------------------------------------- building blocks

const lng = z.number().min(-180).max(180).meta({ description: 'Longitude (WGS84), −180…180' });
const lat = z.number().min(-90).max(90).meta({ description: 'Latitude (WGS84), −90…90' });
/** A point on the map. */
export const LngLat = z.object({ lng, lat }).meta({ id: 'LngLat' });
export type LngLat = z.infer<typeof LngLat>;

const name = (what: string) => line().min(1).max(120).meta({ description: what });
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ description: 'Local wall-clock time, 24-hour `HH:MM`', pattern: HHMM.source });
const isoDate = z.iso.date().meta({ description: 'Calendar date `YYYY-MM-DD` (local to the city)' });

const REASON_TEXT: Record<PolygonProblemCode, string> = {
  not_polygonal: 'not a polygon',
  empty: 'empty geometry',
  bad_position: 'bad position',
  out_of_range: 'coordinates out of range',
  too_few_positions: 'too few positions',
  unclosed_ring: 'unclosed ring',
  self_intersection: 'self-intersection',
};

const position = z.array(z.number()).meta({ description: 'A position `[lng, lat]` (RFC 7946 order)' });
const ring = z
  .array(position)
  .meta({ description: 'A closed linear ring: at least 4 positions, the last repeating the first' });

/**
 * A GeoJSON Polygon or MultiPolygon. Structure is checked by zod (naming the exact position); then
 * `validatePolygonal` reports what a map tool gets wrong — unclosed rings, swapped or out-of-range
 * coordinates, empty geometry, self-intersection — as one issue on the geometry, reason first.
 */
export const PolygonalGeometry = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('Polygon'),
      coordinates: z.array(ring).meta({ description: 'Outer ring first, then holes' }),
    }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z
        .array(z.array(ring))
        .meta({ description: 'Polygons, each outer ring first, then holes' }),
    }),
  ])
  .superRefine((geometry, ctx) => {
    for (const problem of validatePolygonal(geometry)) {
      ctx.addIssue({
        code: 'custom',
        message: `${REASON_TEXT[problem.code]} at ${problem.path}: ${problem.message}`,
        // `reason` and `at` let a client say it in its own language (the web does).
        params: { reason: problem.code, at: problem.path },
      });
    }
  })
  .meta({ id: 'PolygonalGeometry', description: 'GeoJSON Polygon or MultiPolygon, positions `[lng, lat]`' });

const recordId = (what: string) => z.uuid().meta({ description: `The ${what}'s id` });
export const DistrictPathParams = z.strictObject({ districtId: recordId('district') });
export const CompoundPathParams = z.strictObject({ compoundId: recordId('compound') });
export const GatePathParams = z.strictObject({ compoundId: recordId('compound'), gateId: recordId('gate') });
export const ZonePathParams = z.strictObject({ zoneId: recordId('zone') });
export const HospitalPathParams = z.strictObject({ hospitalId: recordId('hospital') });
export const VehiclePathParams = z.strictObject({ vehicleId: recordId('vehicle') });

// ---------------------------------------------------------------- districts

export const CreateDistrictBody = z
  .strictObject({
    code: line().min(1).max(32).meta({ description: 'Short unique code, e.g. `310104`' }),
    name: name('District name, e.g. 徐汇区'),
    city: name('City, e.g. 上海市'),
    center: LngLat.meta({ description: 'Where the map opens for this district' }),
  })
  .meta({ id: 'CreateDistrictBody' });
export type CreateDistrictBody = z.infer<typeof CreateDistrictBody>;

export const UpdateDistrictBody = z
  .strictObject({
    code: CreateDistrictBody.shape.code.optional(),
    name: CreateDistrictBody.shape.name.optional(),
    city: CreateDistrictBody.shape.city.optional(),
    center: LngLat.optional(),
  })
  .meta({ id: 'UpdateDistrictBody', description: 'Only the fields given change' });
export type UpdateDistrictBody = z.infer<typeof UpdateDistrictBody>;

export const District = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    city: z.string(),
    center: LngLat,
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof District>;

// ---------------------------------------------------------------- compounds and gates

export const GateInput = z
  .strictObject({
    name: name('Gate name as locals say it, e.g. 东门'),
    lng,
    lat,
  })
  .meta({ id: 'GateInput' });
export type GateInput = z.infer<typeof GateInput>;

export const UpdateGateBody = GateInput.partial().meta({ id: 'UpdateGateBody' });
export type UpdateGateBody = z.infer<typeof UpdateGateBody>;

export const Gate = z
  .object({ id: z.uuid(), name: z.string(), lng: z.number(), lat: z.number() })
  .meta({ id: 'Gate' });
export type Gate = z.infer<typeof Gate>;

export const CreateCompoundBody = z
  .strictObject({
    name: name('Compound (小区) name'),
    address: line().max(200).default('').meta({ description: 'Street address' }),
    boundary: PolygonalGeometry,
    gates: z
      .array(GateInput)
      .min(1)
      .max(20)
      .meta({ description: 'Where pickups happen — patients are collected at a gate, never at the door' }),
  })
  .meta({ id: 'CreateCompoundBody' });
export type CreateCompoundBody = z.infer<typeof CreateCompoundBody>;

export const UpdateCompoundBody = z
  .strictObject({
    name: name('Compound (小区) name').optional(),
    address: line().max(200).optional().meta({ description: 'Street address' }),
    boundary: PolygonalGeometry.optional(),
  })
  .meta({ id: 'UpdateCompoundBody' });
export type UpdateCompoundBody = z.infer<typeof UpdateCompoundBody>;

export const Compound = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    address: z.string(),
    boundary: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    level: z
      .enum(COMPOUND_LEVELS)
      .meta({ description: 'Strictest zone covering the compound now, or `none`' }),
    levelZoneId: z.uuid().nullable().meta({ description: 'The zone that decided `level`' }),
    gates: z.array(Gate),
  })
  .meta({ id: 'Compound' });
export type Compound = z.infer<typeof Compound>;

export const CompoundListQuery = z
  .strictObject({
    level: z.enum(COMPOUND_LEVELS).optional().meta({ description: 'Only compounds at this level' }),
  })
  .meta({ id: 'CompoundListQuery' });
export type CompoundListQuery = z.infer<typeof CompoundListQuery>;

export const SetGatekeepersBody = z
  .strictObject({
    accountIds: z
      .array(z.uuid())
      .max(50)
      .meta({ description: 'Gatekeeper accounts that keep this compound; replaces the current list' }),
  })
  .meta({ id: 'SetGatekeepersBody' });
export type SetGatekeepersBody = z.infer<typeof SetGatekeepersBody>;

export const Gatekeeper = z
  .object({ accountId: z.uuid(), username: z.string(), displayName: z.string() })
  .meta({ id: 'Gatekeeper' });
export type Gatekeeper = z.infer<typeof Gatekeeper>;

// ---------------------------------------------------------------- zones

const zoneFields = {
  name: name('Zone name, e.g. 田林十二村封控区'),
  level: z.enum(ZONE_LEVELS).meta({
    description:
      '`sealed` 封控 (no one leaves home), `controlled` 管控 (no one leaves the compound), `precaution` 防范',
  }),
  geometry: PolygonalGeometry,
  validFrom: instant().meta({ description: 'When the zone takes effect (ISO 8601)' }),
  validTo: instant()
    .nullable()
    .default(null)
    .meta({ description: 'When it lapses by itself (exclusive); `null`: until ended' }),
};

const validToAfterFrom = (v: { validFrom?: Date; validTo?: Date | null }, ctx: z.RefinementCtx) => {
  if (v.validFrom && v.validTo && v.validTo <= v.validFrom) {
    ctx.addIssue({
      code: 'custom',
      path: ['validTo'],
      ...fieldCheck('must_be_after', { other: 'validFrom' }),
    });
  }
};

export const CreateZoneBody = z
  .strictObject({
    ...zoneFields,
    validFrom: zoneFields.validFrom
      .optional()
      .meta({ description: 'When the zone takes effect; default now' }),
  })
  .superRefine(validToAfterFrom)
  .meta({ id: 'CreateZoneBody' });
export type CreateZoneBody = z.infer<typeof CreateZoneBody>;

export const UpdateZoneBody = z
  .strictObject({
    name: zoneFields.name.optional(),
    level: zoneFields.level.optional(),
    geometry: PolygonalGeometry.optional(),
    validFrom: zoneFields.validFrom.optional(),
    validTo: instant()
      .nullable()
      .optional()
      .meta({ description: 'When it lapses (exclusive); `null`: until ended' }),
  })
  .superRefine(validToAfterFrom)
  .meta({ id: 'UpdateZoneBody' });
export type UpdateZoneBody = z.infer<typeof UpdateZoneBody>;

/**
 * A FeatureCollection as map tools export it. GeoJSON allows foreign members (RFC 7946 §6.1), so
 * unknown keys are ignored here rather than refused; each feature's `properties` carry the zone fields.
 */
export const ImportZonesBody = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          geometry: PolygonalGeometry,
          properties: z
            .object({
              name: zoneFields.name,
              level: zoneFields.level,
              validFrom: zoneFields.validFrom.optional().meta({ description: 'Default: now' }),
              validTo: zoneFields.validTo,
            })
            .superRefine(validToAfterFrom),
        }),
      )
      .min(1)
      .max(500)
      .meta({ description: 'One zone per feature; the import is all-or-nothing' }),
  })
  .meta({ id: 'ImportZonesBody' });
export type ImportZonesBody = z.infer<typeof ImportZonesBody>;

export const ZoneListQuery = z
  .strictObject({
    at: instant().optional().meta({ description: 'Zones in force at this instant (default now)' }),
    all: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .meta({ description: '`true`: every zone ever drawn in the district, ended ones included' }),
  })
  .meta({ id: 'ZoneListQuery' });
export type ZoneListQuery = z.infer<typeof ZoneListQuery>;

export const Zone = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    level: z.enum(ZONE_LEVELS),
    geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable().meta({ description: 'When a dispatcher lifted it' }),
  })
  .meta({ id: 'Zone' });
export type Zone = z.infer<typeof Zone>;

export const CompoundLevelChange = z
  .object({
    compoundId: z.uuid(),
    from: z.enum(COMPOUND_LEVELS),
    to: z.enum(COMPOUND_LEVELS),
    zoneId: z.uuid().nullable(),
  })
  .meta({ id: 'CompoundLevelChange' });
export type CompoundLevelChange = z.infer<typeof CompoundLevelChange>;

export const ZoneChangeResult = z
  .object({
    zones: z.array(Zone),
    compoundLevelChanges: z
      .array(CompoundLevelChange)
      .meta({ description: 'Compounds whose level this change moved' }),
  })
  .meta({ id: 'ZoneChangeResult' });
export type ZoneChangeResult = z.infer<typeof ZoneChangeResult>;

// ---------------------------------------------------------------- hospitals

/**
 * What a hospital treats on site (its capabilities). A service is offered when it has a weekly capacity
 * template: one added here opens with closed slots (capacity 0) every day for the desk to fill in; one
 * taken away loses its on-site slots.
 */
const hospitalServices = z
  .array(z.enum(SERVICES))
  .max(SERVICES.length)
  .refine((list) => new Set(list).size === list.length, fieldCheck('duplicate'))
  .meta({ description: 'Services treated on site (capabilities); matching sends patients only to these' });

export const CreateHospitalBody = z
  .strictObject({
    name: name('Hospital name'),
    districtId: z.uuid().nullable().default(null).meta({ description: 'District it stands in, if any' }),
    address: line().max(200).default(''),
    phone: line().max(40).default('').meta({ description: 'Admissions desk phone' }),
    location: LngLat.meta({ description: 'The hospital building' }),
    entrance: LngLat.meta({ description: 'Where vehicles drop off and pick up' }),
    acceptsPositive: z
      .boolean()
      .default(false)
      .meta({ description: 'Designated hospital / isolation ward: receives `positive` patients' }),
    crowding: z.enum(CROWDING_LEVELS).default('low'),
    status: z
      .enum(HOSPITAL_STATUSES)
      .default('open')
      .meta({ description: '`diverting`: send patients elsewhere' }),
    services: hospitalServices.default([]),
  })
  .meta({ id: 'CreateHospitalBody' });
export type CreateHospitalBody = z.infer<typeof CreateHospitalBody>;

export const UpdateHospitalBody = z
  .strictObject({
    name: name('Hospital name').optional(),
    districtId: z.uuid().nullable().optional(),
    address: line().max(200).optional(),
    phone: line().max(40).optional(),
    location: LngLat.optional(),
    entrance: LngLat.optional(),
    acceptsPositive: z.boolean().optional().meta({ description: 'Designated hospital / isolation ward' }),
    services: hospitalServices.optional(),
  })
  .meta({ id: 'UpdateHospitalBody' });
export type UpdateHospitalBody = z.infer<typeof UpdateHospitalBody>;

export const HospitalStatusBody = z
  .strictObject({
    crowding: z.enum(CROWDING_LEVELS).optional().meta({ description: 'How crowded the hospital is now' }),
    status: z.enum(HOSPITAL_STATUSES).optional().meta({ description: '`open` or `diverting`' }),
  })
  .meta({ id: 'HospitalStatusBody' });
export type HospitalStatusBody = z.infer<typeof HospitalStatusBody>;

export const Hospital = z
  .object({
    id: z.uuid(),
    districtId: z.uuid().nullable(),
    name: z.string(),
    address: z.string(),
    phone: z.string(),
    location: LngLat,
    entrance: LngLat,
    acceptsPositive: z.boolean(),
    crowding: z.enum(CROWDING_LEVELS),
    status: z.enum(HOSPITAL_STATUSES),
    services: z.array(z.enum(SERVICES)).meta({ description: 'Services with a capacity template' }),
  })
  .meta({ id: 'Hospital' });
export type Hospital = z.infer<typeof Hospital>;

const slotTimes = {
  startTime: clock.meta({ description: 'Slot start (inclusive), local `HH:MM`' }),
  endTime: clock.meta({ description: 'Slot end (exclusive), local `HH:MM`' }),
};
const capacity = z
  .number()
  .int()
  .min(0)
  .max(10_000)
  .meta({ description: 'Patients the service takes in this slot' });

type TimedSlot = { service: string; startTime: string; endTime: string; weekday?: number };
/** Slots must end after they start and not overlap another slot of the same service (and weekday). */
const slotsConsistent = (slots: TimedSlot[], ctx: z.RefinementCtx) => {
  slots.forEach((slot, i) => {
    if (slot.endTime <= slot.startTime) {
      ctx.addIssue({
        code: 'custom',
        path: ['slots', i, 'endTime'],
        ...fieldCheck('must_be_after', { other: 'startTime' }),
      });
      return;
    }
    const clash = slots.findIndex(
      (other, j) =>
        j < i &&
        other.service === slot.service &&
        other.weekday === slot.weekday &&
        other.startTime < slot.endTime &&
        slot.startTime < other.endTime,
    );
    if (clash >= 0) {
      ctx.addIssue({ code: 'custom', path: ['slots', i], ...fieldCheck('slot_overlaps', { other: clash }) });
    }
  });
};

export const SetHospitalSlotsBody = z
  .strictObject({
    slots: z
      .array(
        z.strictObject({
          service: z.enum(SERVICES),
          weekday: z
            .number()
            .int()
            .min(1)
            .max(7)
            .meta({ description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
          ...slotTimes,
          capacity,
        }),
      )
      .max(1000)
      .meta({ description: 'The whole weekly template; replaces the current one' }),
  })
  .superRefine((body, ctx) => slotsConsistent(body.slots, ctx))
  .meta({ id: 'SetHospitalSlotsBody' });
export type SetHospitalSlotsBody = z.infer<typeof SetHospitalSlotsBody>;

export const SetSlotOverridesBody = z
  .strictObject({
    slots: z
      .array(z.strictObject({ service: z.enum(SERVICES), ...slotTimes, capacity }))
      .max(500)
      .meta({
        description:
          "That date's slots replacing the template slot with the same service and start (capacity 0 closes it); replaces the date's earlier overrides",
      }),
  })
  .superRefine((body, ctx) => slotsConsistent(body.slots, ctx))
  .meta({ id: 'SetSlotOverridesBody' });
export type SetSlotOverridesBody = z.infer<typeof SetSlotOverridesBody>;

export const HospitalDatePathParams = z.strictObject({ hospitalId: z.uuid(), date: isoDate });

export const CapacityQuery = z
  .strictObject({ date: isoDate.optional().meta({ description: 'Default: today' }) })
  .meta({ id: 'CapacityQuery' });
export type CapacityQuery = z.infer<typeof CapacityQuery>;

export const CapacitySlot = z
  .object({
    service: z.enum(SERVICES),
    startTime: z.string(),
    endTime: z.string(),
    capacity: z.number().int(),
    source: z.enum(['template', 'override']).meta({ description: 'Whether a date override set this slot' }),
  })
  .meta({ id: 'CapacitySlot' });
export type CapacitySlot = z.infer<typeof CapacitySlot>;

export const HospitalCapacity = z
  .object({
    hospitalId: z.uuid(),
    date: z.string(),
    weekday: z.number().int(),
    slots: z.array(
      CapacitySlot.extend({
        booked: z.number().int().meta({
          description:
            'Places already held in the slot: live round trips by their appointment (on site) or online visits not cancelled by their start',
        }),
      }),
    ),
  })
  .meta({ id: 'HospitalCapacity' });
export type HospitalCapacity = z.infer<typeof HospitalCapacity>;

export const HospitalSlots = z
  .object({
    slots: z.array(
      z.object({
        service: z.enum(SERVICES),
        weekday: z.number().int(),
        startTime: z.string(),
        endTime: z.string(),
        capacity: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'HospitalSlots' });
export type HospitalSlots = z.infer<typeof HospitalSlots>;

// ---------------------------------------------------------------- vehicles and drivers

const vehicleFields = {
  kind: z
    .enum(VEHICLE_KINDS)
    .meta({ description: '`ambulance_120`, `volunteer` or `requisitioned` (taxi, community van)' }),
  plate: line().min(1).max(20).meta({ description: 'Licence plate, unique' }),
  callSign: line().max(40).default('').meta({ description: 'Radio call sign' }),
  seats: z.number().int().min(0).max(60).meta({ description: 'Seated places for patients and companions' }),
  wheelchairPlaces: z.number().int().min(0).max(10).default(0),
  stretchers: z.number().int().min(0).max(4).default(0),
  base: LngLat.meta({ description: 'Where the vehicle starts and ends its shift' }),
  shiftStart: clock.default('07:00'),
  shiftEnd: clock.default('19:00'),
  disinfectionMinutes: z
    .number()
    .int()
    .min(0)
    .max(240)
    .default(30)
    .meta({ description: 'Time off service after a close-contact or positive passenger' }),
  status: z.enum(VEHICLE_STATUSES).default('available'),
};

export const CreateVehicleBody = z
  .strictObject({
    districtId: z.uuid().meta({ description: 'District whose dispatch runs this vehicle' }),
    ...vehicleFields,
  })
  .meta({ id: 'CreateVehicleBody' });
export type CreateVehicleBody = z.infer<typeof CreateVehicleBody>;

export const UpdateVehicleBody = z
  .strictObject({
    districtId: z.uuid().optional().meta({ description: 'Move the vehicle to another district’s dispatch' }),
    kind: vehicleFields.kind.optional(),
    plate: vehicleFields.plate.optional(),
    callSign: line().max(40).optional(),
    seats: vehicleFields.seats.optional(),
    wheelchairPlaces: z.number().int().min(0).max(10).optional(),
    stretchers: z.number().int().min(0).max(4).optional(),
    base: LngLat.optional(),
    shiftStart: clock.optional(),
    shiftEnd: clock.optional(),
    disinfectionMinutes: z.number().int().min(0).max(240).optional(),
    status: z.enum(VEHICLE_STATUSES).optional(),
  })
  .meta({ id: 'UpdateVehicleBody' });
export type UpdateVehicleBody = z.infer<typeof UpdateVehicleBody>;

export const VehicleListQuery = z
  .strictObject({
    districtId: z.uuid().optional().meta({ description: 'Only vehicles of this district' }),
    status: z.enum(VEHICLE_STATUSES).optional(),
  })
  .meta({ id: 'VehicleListQuery' });
export type VehicleListQuery = z.infer<typeof VehicleListQuery>;

export const AssignDriverBody = z
  .strictObject({
    accountId: z
      .uuid()
      .nullable()
      .meta({ description: 'A driver account to put on this vehicle; `null` takes the current driver off' }),
  })
  .meta({ id: 'AssignDriverBody' });
export type AssignDriverBody = z.infer<typeof AssignDriverBody>;

export const Vehicle = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    kind: z.enum(VEHICLE_KINDS),
    plate: z.string(),
    callSign: z.string(),
    seats: z.number().int(),
    wheelchairPlaces: z.number().int(),
    stretchers: z.number().int(),
    base: LngLat,
    shiftStart: z.string(),
    shiftEnd: z.string(),
    disinfectionMinutes: z.number().int(),
    status: z.enum(VEHICLE_STATUSES),
    disinfectingUntil: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: 'While `disinfecting`: when the vehicle is available again' }),
    driver: z
      .object({ driverId: z.uuid(), accountId: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: 'Who drives it now' }),
    lastPosition: z
      .object({ lng: z.number(), lat: z.number(), at: z.iso.datetime({ offset: true }) })
      .nullable()
      .meta({ description: "The driver's last reported position and when; null before the first" }),
    stale: z.boolean().meta({ description: 'Silent for too long during a job: dispatch was told' }),
  })
  .meta({ id: 'Vehicle' });
export type Vehicle = z.infer<typeof Vehicle>;

// ---------------------------------------------------------------- the overview (供需匹配)

export const OverviewQuery = z
  .strictObject({
    date: isoDate.optional().meta({ description: 'Whose requests and capacity to count; default today' }),
  })
  .meta({ id: 'OverviewQuery' });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

const counts = <const T extends readonly [string, ...string[]]>(keys: T) =>
  z.record(z.enum(keys), z.number().int());

export const CompoundDemand = z
  .object({
    compoundId: z.uuid(),
    name: z.string(),
    level: z.enum(COMPOUND_LEVELS),
    patients: z.object({
      active: z.number().int().meta({ description: 'Registered and verified special-needs patients' }),
      pending: z.number().int().meta({ description: 'Self-registrations waiting for the gatekeeper' }),
      byNeed: counts(NEED_KINDS).meta({
        description: 'Active patients with an active need of each kind (a patient may count under several)',
      }),
      byMobility: counts(MOBILITIES),
      byInfection: counts(INFECTION_CLASSES),
    }),
    requests: z.object({
      total: z.number().int(),
      emergency: z.number().int(),
      byStatus: counts(REQUEST_STATUSES),
    }),
  })
  .meta({ id: 'CompoundDemand' });
export type CompoundDemand = z.infer<typeof CompoundDemand>;

export const SlotLoad = z
  .object({
    startTime: z.string(),
    endTime: z.string(),
    capacity: z.number().int(),
    demand: z.number().int().meta({
      description: 'Requests (not cancelled) booked to this hospital arriving in the slot, city-wide',
    }),
    demandInScope: z
      .number()
      .int()
      .meta({ description: 'Of those, from the compounds this overview covers' }),
  })
  .meta({ id: 'SlotLoad' });

export const HospitalLoad = z
  .object({
    hospitalId: z.uuid(),
    name: z.string(),
    status: z.enum(HOSPITAL_STATUSES),
    crowding: z.enum(CROWDING_LEVELS),
    acceptsPositive: z.boolean(),
    services: z.array(
      z.object({
        service: z.enum(SERVICES),
        capacity: z.number().int(),
        demand: z.number().int(),
        slots: z.array(SlotLoad),
        outsideSlots: z
          .number()
          .int()
          .meta({ description: 'Requests whose arrival falls in no slot of the day' }),
      }),
    ),
  })
  .meta({ id: 'HospitalLoad' });

export const LevelSummary = z
  .object({ level: z.enum(COMPOUND_LEVELS), compounds: z.number().int(), patients: z.number().int() })
  .meta({ id: 'LevelSummary' });

export const Overview = z
  .object({
    date: z.string(),
    districtId: z.uuid(),
    totals: z.object({
      compounds: z.number().int(),
      activePatients: z.number().int(),
      pendingPatients: z.number().int(),
      requests: z.number().int(),
    }),
    compounds: z.array(CompoundDemand),
    levels: z.array(LevelSummary).meta({ description: 'Compounds and active patients per zone level' }),
    hospitals: z
      .array(HospitalLoad)
      .meta({ description: "The district's hospitals and those its requests go to" }),
    unmatched: counts(SERVICES).meta({
      description: "The day's open requests without a hospital yet, per service",
    }),
    careWays: CareWaysFigures.meta({
      description: 'Needs served by a trip, an online visit or a delivery, and the unmet ones by reason',
    }),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;
