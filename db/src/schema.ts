import {
  COMPLAINT_KINDS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  COMPOUND_LEVELS,
  CROWDING_LEVELS,
  DELIVERY_STATUSES,
  HOSPITAL_STATUSES,
  INCIDENT_KINDS,
  INFECTION_CLASSES,
  LEG_DIRECTIONS,
  LEG_STATUSES,
  MOBILITIES,
  NEED_KINDS,
  NOTICE_ATTEMPT_OUTCOMES,
  NOTICE_KINDS,
  NOTICE_RECIPIENTS,
  NOTICE_STATUSES,
  ONLINE_VISIT_STATUSES,
  PATIENT_STATUSES,
  PRESCRIPTION_SOURCES,
  REQUEST_STATUSES,
  RETURN_MODES,
  ROLES,
  SERVICES,
  SLOT_CHANNELS,
  URGENCIES,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
  WAYS_OF_SERVICE,
  ZONE_LEVELS,
} from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tz('created_at').notNull().defaultNow();

export const roleEnum = pgEnum('role', ROLES);
export const zoneLevelEnum = pgEnum('zone_level', ZONE_LEVELS);
export const compoundLevelEnum = pgEnum('compound_level', COMPOUND_LEVELS);
export const mobilityEnum = pgEnum('mobility', MOBILITIES);
export const infectionClassEnum = pgEnum('infection_class', INFECTION_CLASSES);
export const needKindEnum = pgEnum('need_kind', NEED_KINDS);
export const serviceEnum = pgEnum('service', SERVICES);
export const vehicleKindEnum = pgEnum('vehicle_kind', VEHICLE_KINDS);
export const vehicleStatusEnum = pgEnum('vehicle_status', VEHICLE_STATUSES);
export const crowdingEnum = pgEnum('crowding_level', CROWDING_LEVELS);
export const hospitalStatusEnum = pgEnum('hospital_status', HOSPITAL_STATUSES);
export const patientStatusEnum = pgEnum('patient_status', PATIENT_STATUSES);
export const urgencyEnum = pgEnum('urgency', URGENCIES);
export const returnModeEnum = pgEnum('return_mode', RETURN_MODES);
export const requestStatusEnum = pgEnum('request_status', REQUEST_STATUSES);
export const legDirectionEnum = pgEnum('leg_direction', LEG_DIRECTIONS);
export const legStatusEnum = pgEnum('leg_status', LEG_STATUSES);
export const incidentKindEnum = pgEnum('incident_kind', INCIDENT_KINDS);
export const auditOutcomeEnum = pgEnum('audit_outcome', ['allowed', 'denied']);
export const wayOfServiceEnum = pgEnum('way_of_service', WAYS_OF_SERVICE);
export const slotChannelEnum = pgEnum('slot_channel', SLOT_CHANNELS);
export const onlineVisitStatusEnum = pgEnum('online_visit_status', ONLINE_VISIT_STATUSES);

/** GeoJSON geometry as stored: validated at the boundary, evaluated with @turf/turf. */
export type GeoJsonPolygonal =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

// ---------------------------------------------------------------- geography

export const districts = pgTable('districts', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  center: jsonb('center').$type<[number, number]>().notNull(),
  /** 一车一患者: never two patients aboard one vehicle at once (planning, insertion and booking). */
  onePatientPerVehicle: boolean('one_patient_per_vehicle').notNull().default(false),
  /** 一客一消杀: disinfect after every passenger, not only after close contacts and positives. */
  disinfectAfterEveryPassenger: boolean('disinfect_after_every_passenger').notNull().default(false),
  createdAt: createdAt(),
});

export const compounds = pgTable(
  'compounds',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    boundary: jsonb('boundary').$type<GeoJsonPolygonal>().notNull(),
    /** Derived from the zones covering the boundary; recomputed whenever a zone changes. */
    level: compoundLevelEnum('level').notNull().default('none'),
    levelZoneId: uuid('level_zone_id'),
    /** Unguessable token behind the compound's self-registration link and QR code. */
    selfRegistrationToken: text('self_registration_token').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('compounds_district_idx').on(t.districtId)],
);

export const gates = pgTable(
  'gates',
  {
    id: id(),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
  },
  (t) => [index('gates_compound_idx').on(t.compoundId)],
);

export const zones = pgTable(
  'zones',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    level: zoneLevelEnum('level').notNull(),
    geometry: jsonb('geometry').$type<GeoJsonPolygonal>().notNull(),
    validFrom: tz('valid_from').notNull(),
    validTo: tz('valid_to'),
    endedAt: tz('ended_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('zones_district_idx').on(t.districtId),
    check('zones_validity', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

// ---------------------------------------------------------------- supply

export const hospitals = pgTable('hospitals', {
  id: id(),
  districtId: uuid('district_id').references(() => districts.id),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull(),
  entranceLng: doublePrecision('entrance_lng').notNull(),
  entranceLat: doublePrecision('entrance_lat').notNull(),
  /** Designated hospital / isolation ward: the only kind that receives `positive` patients. */
  acceptsPositive: boolean('accepts_positive').notNull().default(false),
  crowding: crowdingEnum('crowding').notNull().default('low'),
  status: hospitalStatusEnum('status').notNull().default('open'),
  /** When the hospital last published its crowding or open/diverting (the public board shows it). */
  statusUpdatedAt: tz('status_updated_at'),
  createdAt: createdAt(),
});

/**
 * Weekly capacity template: `capacity` patients of `service` in the slot [startTime, endTime) on `weekday`,
 * either coming to the hospital (`on_site`) or seen in an online visit (`online`).
 */
export const hospitalSlots = pgTable(
  'hospital_slots',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    channel: slotChannelEnum('channel').notNull().default('on_site'),
    service: serviceEnum('service').notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [
    uniqueIndex('hospital_slots_unique').on(t.hospitalId, t.channel, t.service, t.weekday, t.startTime),
    check('hospital_slots_weekday', sql`${t.weekday} between 1 and 7`),
    check('hospital_slots_capacity', sql`${t.capacity} >= 0`),
  ],
);

/** A date-specific replacement of the template's capacity for one slot. */
export const hospitalSlotOverrides = pgTable(
  'hospital_slot_overrides',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    channel: slotChannelEnum('channel').notNull().default('on_site'),
    service: serviceEnum('service').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [
    uniqueIndex('hospital_slot_overrides_unique').on(t.hospitalId, t.channel, t.service, t.date, t.startTime),
    check('hospital_slot_overrides_capacity', sql`${t.capacity} >= 0`),
  ],
);

export const vehicles = pgTable(
  'vehicles',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    kind: vehicleKindEnum('kind').notNull(),
    plate: text('plate').notNull().unique(),
    callSign: text('call_sign').notNull().default(''),
    seats: smallint('seats').notNull(),
    wheelchairPlaces: smallint('wheelchair_places').notNull().default(0),
    stretchers: smallint('stretchers').notNull().default(0),
    baseLng: doublePrecision('base_lng').notNull(),
    baseLat: doublePrecision('base_lat').notNull(),
    shiftStart: text('shift_start').notNull().default('07:00'),
    shiftEnd: text('shift_end').notNull().default('19:00'),
    disinfectionMinutes: smallint('disinfection_minutes').notNull().default(30),
    status: vehicleStatusEnum('status').notNull().default('available'),
    /** While `disinfecting`: when the disinfection after a passenger ends (the vehicle is `available` again). */
    disinfectingUntil: tz('disinfecting_until'),
    lastLng: doublePrecision('last_lng'),
    lastLat: doublePrecision('last_lat'),
    lastSeenAt: tz('last_seen_at'),
    /** Set when dispatch was told the vehicle went silent during a job; cleared by its next position. */
    staleSince: tz('stale_since'),
    createdAt: createdAt(),
  },
  (t) => [
    index('vehicles_district_idx').on(t.districtId),
    check('vehicles_capacity', sql`${t.seats} >= 0 and ${t.wheelchairPlaces} >= 0 and ${t.stretchers} >= 0`),
  ],
);

// ---------------------------------------------------------------- accounts

export const accounts = pgTable('accounts', {
  id: id(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: roleEnum('role').notNull(),
  displayName: text('display_name').notNull(),
  phone: text('phone').notNull().default(''),
  locale: text('locale').notNull().default('zh-CN'),
  hospitalId: uuid('hospital_id').references(() => hospitals.id),
  disabledAt: tz('disabled_at'),
  /** Set when an administrator resets the password: the person must choose a new one before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: createdAt(),
});

/** Districts (dispatchers) and compounds (gatekeepers) an account may act in. */
export const accountScopes = pgTable(
  'account_scopes',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    districtId: uuid('district_id').references(() => districts.id, { onDelete: 'cascade' }),
    compoundId: uuid('compound_id').references(() => compounds.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('account_scopes_account_idx').on(t.accountId),
    check('account_scopes_one_target', sql`num_nonnulls(${t.districtId}, ${t.compoundId}) = 1`),
  ],
);

/** A driver is an account bound to one vehicle at a time. */
export const drivers = pgTable('drivers', {
  id: id(),
  accountId: uuid('account_id')
    .notNull()
    .unique()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  vehicleId: uuid('vehicle_id')
    .unique()
    .references(() => vehicles.id),
  name: text('name').notNull(),
  phone: text('phone').notNull().default(''),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    /** SHA-256 of the opaque token: a leaked table does not leak usable tokens. */
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    succeeded: boolean('succeeded').notNull(),
    ip: text('ip').notNull().default(''),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_username_at_idx').on(t.username, t.at)],
);

/** Append-only (a trigger forbids UPDATE and DELETE): who touched which record, when, and whether it was allowed. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    outcome: auditOutcomeEnum('outcome').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip').notNull().default(''),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

// ---------------------------------------------------------------- demand

/** Who agreed, when and for what: without it no medical need is stored. */
export interface ConsentRecord {
  givenBy: string;
  relation: string;
  at: string;
  purposes: string[];
  recordedBy: string | null;
  /** Where the consent was captured when not in the app's form, e.g. the spreadsheet it was imported from. */
  source?: string;
}

export const patients = pgTable(
  'patients',
  {
    id: id(),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id),
    /** The gate this patient leaves by; pickups happen at a gate, never at the door. */
    gateId: uuid('gate_id').references(() => gates.id),
    name: text('name').notNull(),
    nationalId: text('national_id').notNull(),
    phone: text('phone').notNull(),
    building: text('building').notNull().default(''),
    unit: text('unit').notNull().default(''),
    room: text('room').notNull().default(''),
    mobility: mobilityEnum('mobility').notNull().default('walk'),
    companions: smallint('companions').notNull().default(0),
    infectionClass: infectionClassEnum('infection_class').notNull().default('normal'),
    regularHospitalId: uuid('regular_hospital_id').references(() => hospitals.id),
    consent: jsonb('consent').$type<ConsentRecord>(),
    status: patientStatusEnum('status').notNull().default('active'),
    source: text('source').notNull().default('gatekeeper'),
    /** Why the gatekeeper turned down a self-registration (status `rejected`). */
    rejectionReason: text('rejection_reason'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('patients_compound_idx').on(t.compoundId),
    /** One live registration per person; archived and rejected ones do not block a new one. */
    uniqueIndex('patients_national_id_live')
      .on(t.nationalId)
      .where(sql`${t.status} in ('pending', 'active')`),
    check('patients_companions', sql`${t.companions} between 0 and 4`),
  ],
);

/**
 * What a need's schedule holds depends on its kind: dialysis `{ weekdays, startTime, sessionMinutes }`,
 * chemo/radiotherapy `{ dates, startTime, sessionMinutes }`, pregnancy `{ dueDate, visits }`,
 * newborn `{ birthDate, visits }`, chronic `{ medicineDelivery, visits }`, emergency `{}`.
 */
export type NeedSchedule = Record<string, unknown>;

export const careNeeds = pgTable(
  'care_needs',
  {
    id: id(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    kind: needKindEnum('kind').notNull(),
    schedule: jsonb('schedule').$type<NeedSchedule>().notNull().default({}),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    /** How its requests are served; null: the rule's default for the kind (shared/src/care-ways.ts). */
    serveBy: wayOfServiceEnum('serve_by'),
    active: boolean('active').notNull().default(true),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('care_needs_patient_idx').on(t.patientId)],
);

export const requests = pgTable(
  'requests',
  {
    id: id(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    needId: uuid('need_id').references(() => careNeeds.id),
    service: serviceEnum('service').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    urgency: urgencyEnum('urgency').notNull().default('scheduled'),
    /** The patient must arrive at the hospital inside [windowStart, windowEnd]. */
    windowStart: tz('window_start').notNull(),
    windowEnd: tz('window_end').notNull(),
    returnMode: returnModeEnum('return_mode').notNull().default('fixed'),
    treatmentMinutes: integer('treatment_minutes'),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    /** Why this hospital (or why none): a reason code and its parameters, translated by the web. */
    matchReason: jsonb('match_reason').$type<{ code: string; params?: Record<string, unknown> }>(),
    status: requestStatusEnum('status').notNull().default('open'),
    /** A round trip, an online visit or a medicine delivery (shared/src/care-ways.ts decides what is allowed). */
    serveBy: wayOfServiceEnum('serve_by').notNull().default('trip'),
    source: text('source').notNull().default('schedule'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    /** Generating a day's requests from the schedules twice must not duplicate them. */
    uniqueIndex('requests_need_date_unique').on(t.needId, t.date),
    index('requests_date_idx').on(t.date),
    check('requests_window', sql`${t.windowEnd} >= ${t.windowStart}`),
  ],
);

// ---------------------------------------------------------------- online visits

/**
 * A request served online (在线复诊): booked into one of the hospital's online slots at its own time,
 * reached through an unguessable join link, started and ended by the hospital desk with an outcome.
 * One live visit per request and per hospital time (cancelled ones free both).
 */
export const onlineVisits = pgTable(
  'online_visits',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    service: serviceEnum('service').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** The online slot it takes (local `HH:MM`), whose capacity it counts against. */
    slotStart: text('slot_start').notNull(),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    /** 256 random bits, base64url: the join link's whole authority. */
    joinToken: text('join_token').notNull().unique(),
    status: onlineVisitStatusEnum('status').notNull().default('booked'),
    /** The desk's note on the outcome (no identity). */
    note: text('note').notNull().default(''),
    startedAt: tz('started_at'),
    endedAt: tz('ended_at'),
    endedBy: uuid('ended_by'),
    /** `needs_on_site`: the trip request the outcome raised. */
    followUpRequestId: uuid('follow_up_request_id').references(() => requests.id),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('online_visits_request_live').on(t.requestId).where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('online_visits_hospital_time_live')
      .on(t.hospitalId, t.service, t.startsAt)
      .where(sql`${t.status} <> 'cancelled'`),
    index('online_visits_hospital_date_idx').on(t.hospitalId, t.date),
    index('online_visits_patient_idx').on(t.patientId),
    check('online_visits_time', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

// ---------------------------------------------------------------- trips

export const trips = pgTable('trips', {
  id: id(),
  requestId: uuid('request_id')
    .notNull()
    .unique()
    .references(() => requests.id),
  patientId: uuid('patient_id')
    .notNull()
    .references(() => patients.id),
  hospitalId: uuid('hospital_id')
    .notNull()
    .references(() => hospitals.id),
  gateId: uuid('gate_id')
    .notNull()
    .references(() => gates.id),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

/**
 * One direction of a round trip. While booked (see BOOKED_LEG_STATUSES) a leg holds its vehicle,
 * driver and patient over [bookedFrom, bookedTo); exclusion constraints in the hand-written
 * migration forbid overlaps. Legs that share a `runId` ride the same vehicle together and may overlap.
 */
export const legs = pgTable(
  'legs',
  {
    id: id(),
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    direction: legDirectionEnum('direction').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: legStatusEnum('status').notNull().default('planned'),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    driverId: uuid('driver_id').references(() => drivers.id),
    runId: uuid('run_id'),
    pickupWindowStart: tz('pickup_window_start'),
    pickupWindowEnd: tz('pickup_window_end'),
    dropoffWindowStart: tz('dropoff_window_start'),
    dropoffWindowEnd: tz('dropoff_window_end'),
    plannedPickupAt: tz('planned_pickup_at'),
    plannedDropoffAt: tz('planned_dropoff_at'),
    bookedFrom: tz('booked_from'),
    bookedTo: tz('booked_to'),
    etaAt: tz('eta_at'),
    /** A will-call return is not released until the hospital says the patient is ready. */
    released: boolean('released').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('legs_trip_direction_unique').on(t.tripId, t.direction),
    index('legs_vehicle_idx').on(t.vehicleId, t.bookedFrom),
    index('legs_patient_idx').on(t.patientId),
    check('legs_booked_range', sql`${t.bookedTo} is null or ${t.bookedFrom} < ${t.bookedTo}`),
  ],
);

export const legEvents = pgTable(
  'leg_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    legId: uuid('leg_id')
      .notNull()
      .references(() => legs.id, { onDelete: 'cascade' }),
    at: tz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    fromStatus: legStatusEnum('from_status'),
    toStatus: legStatusEnum('to_status').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('leg_events_leg_idx').on(t.legId, t.id)],
);

export const incidents = pgTable(
  'incidents',
  {
    id: id(),
    kind: incidentKindEnum('kind').notNull(),
    districtId: uuid('district_id').references(() => districts.id),
    legId: uuid('leg_id').references(() => legs.id),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    reportedBy: uuid('reported_by'),
    description: text('description').notNull().default(''),
    /** Structured facts of the incident, e.g. a refusal's stated reason and whether the seeds forbid it. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    openedAt: tz('opened_at').notNull().defaultNow(),
    resolvedAt: tz('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    resolution: text('resolution'),
  },
  (t) => [index('incidents_open_idx').on(t.districtId, t.resolvedAt)],
);

// ---------------------------------------------------------------- medicine delivery

export const prescriptionSourceEnum = pgEnum('prescription_source', PRESCRIPTION_SOURCES);
export const deliveryStatusEnum = pgEnum('delivery_status', DELIVERY_STATUSES);

/** One line of a prescription: a medicine, how much, and the doctor's instructions (用药指导). */
export interface PrescriptionItemRecord {
  name: string;
  quantity: string;
  instructions: string;
}

/** Medicines prescribed to a patient, issued at an online visit or copied from a paper list by the gatekeeper. */
export const prescriptions = pgTable(
  'prescriptions',
  {
    id: id(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The hospital whose pharmacy fills it. */
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    source: prescriptionSourceEnum('source').notNull(),
    /** The online visit that issued it; a plain id so this table does not depend on the visits' migration. */
    onlineVisitId: uuid('online_visit_id'),
    items: jsonb('items').$type<PrescriptionItemRecord[]>().notNull(),
    note: text('note').notNull().default(''),
    issuedBy: uuid('issued_by'),
    issuedAt: tz('issued_at').notNull().defaultNow(),
  },
  (t) => [
    index('prescriptions_patient_idx').on(t.patientId),
    /** An online visit issues at most one prescription: recording its outcome twice must not double it. */
    uniqueIndex('prescriptions_online_visit_unique').on(t.onlineVisitId),
    check('prescriptions_items', sql`jsonb_array_length(${t.items}) between 1 and 20`),
  ],
);

/**
 * A prescription's parcel on its way: collected at the hospital pharmacy, handed over at the compound
 * gate inside its window, then to the household by the gatekeeper. A one-way job for a volunteer or
 * requisitioned vehicle, planned with the legs; a parcel takes no seat, so it has no booking range and
 * no exclusion constraint: the schedule gate (server/src/domain/schedule/schedule-gate.ts) checks it.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    prescriptionId: uuid('prescription_id')
      .notNull()
      .unique()
      .references(() => prescriptions.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The request (a need on a date) this delivery serves, when it was raised as one. */
    requestId: uuid('request_id').references(() => requests.id),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id),
    gateId: uuid('gate_id')
      .notNull()
      .references(() => gates.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** The number on the parcel (P-XXXXXX): what the driver and the gatekeeper call it. */
    parcelNo: text('parcel_no').notNull().unique(),
    status: deliveryStatusEnum('status').notNull().default('pending'),
    pickupWindowStart: tz('pickup_window_start').notNull(),
    pickupWindowEnd: tz('pickup_window_end').notNull(),
    dropoffWindowStart: tz('dropoff_window_start').notNull(),
    dropoffWindowEnd: tz('dropoff_window_end').notNull(),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    driverId: uuid('driver_id').references(() => drivers.id),
    plannedPickupAt: tz('planned_pickup_at'),
    plannedDropoffAt: tz('planned_dropoff_at'),
    /** Why the planner found no vehicle, while pending. */
    unservedReason: jsonb('unserved_reason').$type<{
      code: string;
      params: Record<string, string | number>;
    }>(),
    pickedUpAt: tz('picked_up_at'),
    atGateAt: tz('at_gate_at'),
    receivedAt: tz('received_at'),
    deliveredAt: tz('delivered_at'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('deliveries_compound_date_idx').on(t.compoundId, t.date),
    index('deliveries_vehicle_idx').on(t.vehicleId, t.date),
    index('deliveries_hospital_date_idx').on(t.hospitalId, t.date),
    index('deliveries_request_idx').on(t.requestId),
    check(
      'deliveries_windows',
      sql`${t.pickupWindowEnd} >= ${t.pickupWindowStart} and ${t.dropoffWindowEnd} >= ${t.dropoffWindowStart}`,
    ),
    /** A delivery on a vehicle has its driver and its times; nothing half-booked. */
    check(
      'deliveries_booked',
      sql`${t.status} not in ('assigned', 'picked_up', 'at_gate') or (${t.vehicleId} is not null and ${t.driverId} is not null and ${t.plannedPickupAt} is not null and ${t.plannedDropoffAt} is not null)`,
    ),
  ],
);

// ---------------------------------------------------------------- realtime

/** A domain event, written in the same transaction as the change it describes. */
export const domainEvents = pgTable('domain_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  at: tz('at').notNull().defaultNow(),
});

/** Each recipient stream's last offset; the row lock serialises offset allocation per recipient. */
export const streamHeads = pgTable('stream_heads', {
  recipient: text('recipient').primaryKey(),
  head: bigint('head', { mode: 'number' }).notNull().default(0),
});

/** Per-recipient delivery: recipient is a server-chosen room such as `vehicle:<id>` or `district:<id>`. */
export const streamEvents = pgTable(
  'stream_events',
  {
    recipient: text('recipient').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => domainEvents.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.recipient, t.offset] })],
);

/**
 * The last offset an account acknowledged on each stream, so a fresh device of the same account
 * resumes where the account left off instead of at the head.
 */
export const streamAcks = pgTable(
  'stream_acks',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    recipient: text('recipient').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.recipient] })],
);

// ---------------------------------------------------------------- the people at home and the public

export const complaintKindEnum = pgEnum('complaint_kind', COMPLAINT_KINDS);
export const complaintSourceEnum = pgEnum('complaint_source', COMPLAINT_SOURCES);
export const complaintStatusEnum = pgEnum('complaint_status', COMPLAINT_STATUSES);
export const noticeKindEnum = pgEnum('notice_kind', NOTICE_KINDS);
export const noticeStatusEnum = pgEnum('notice_status', NOTICE_STATUSES);
export const noticeAttemptOutcomeEnum = pgEnum('notice_attempt_outcome', NOTICE_ATTEMPT_OUTCOMES);
export const noticeRecipientEnum = pgEnum('notice_recipient', NOTICE_RECIPIENTS);

/**
 * A complaint about a hospital, for the health commission's report: every refusal at a hospital gate
 * (one per refusal incident, with its resolution as the outcome) and complaints staff take down.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    districtId: uuid('district_id').references(() => districts.id),
    kind: complaintKindEnum('kind').notNull(),
    source: complaintSourceEnum('source').notNull(),
    /** The refusal incident this complaint records; at most one complaint per incident. */
    incidentId: uuid('incident_id')
      .unique()
      .references(() => incidents.id),
    tripId: uuid('trip_id').references(() => trips.id),
    /** For a refusal, the reason the gate gave (`REFUSAL_REASONS`). */
    reason: text('reason'),
    /** The reason given is one the seeds forbid (test result, health code, symptom). */
    forbiddenGround: boolean('forbidden_ground').notNull().default(false),
    description: text('description').notNull().default(''),
    reportedBy: uuid('reported_by'),
    occurredAt: tz('occurred_at').notNull().defaultNow(),
    status: complaintStatusEnum('status').notNull().default('open'),
    outcome: text('outcome'),
    resolvedAt: tz('resolved_at'),
    resolvedBy: uuid('resolved_by'),
  },
  (t) => [
    index('complaints_hospital_idx').on(t.hospitalId, t.occurredAt),
    index('complaints_district_idx').on(t.districtId, t.occurredAt),
  ],
);

/** The family's link to follow one round trip without an account; its token is the only key. */
export const trackingLinks = pgTable('tracking_links', {
  id: id(),
  tripId: uuid('trip_id')
    .notNull()
    .unique()
    .references(() => trips.id, { onDelete: 'cascade' }),
  /** 256 random bits, base64url: unguessable, and the link's whole authority. */
  token: text('token').notNull().unique(),
  views: integer('views').notNull().default(0),
  lastViewedAt: tz('last_viewed_at'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

/** Per patient: whether the household wants notices at all, a family number, and quiet hours. */
export const noticeSettings = pgTable('notice_settings', {
  patientId: uuid('patient_id')
    .primaryKey()
    .references(() => patients.id, { onDelete: 'cascade' }),
  optedOut: boolean('opted_out').notNull().default(false),
  familyPhone: text('family_phone'),
  /** Local `HH:MM`; no notice goes out between start and end (wrapping midnight). */
  quietStart: text('quiet_start').notNull().default('21:30'),
  quietEnd: text('quiet_end').notNull().default('07:00'),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/**
 * The notices outbox: written in the transaction of the change a notice is about, sent after
 * commit by the notice worker. `dedupeKey` makes writing the same notice twice a no-op.
 */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    /** The round trip it is about; null for a notice about an online visit. */
    tripId: uuid('trip_id').references(() => trips.id, { onDelete: 'cascade' }),
    /** The online visit it is about (its time and join link); null for a trip's notice. */
    onlineVisitId: uuid('online_visit_id').references(() => onlineVisits.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    kind: noticeKindEnum('kind').notNull(),
    recipient: noticeRecipientEnum('recipient').notNull(),
    /** The number it goes to, copied at enqueue time; never logged, shown masked. */
    phone: text('phone').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    /** Template parameters (pickup time, gate, hospital, plate …); no identity. */
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    status: noticeStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    /** A worker that claimed it holds it until then; after a crash it is claimable again. */
    leaseUntil: tz('lease_until'),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    sentAt: tz('sent_at'),
  },
  (t) => [
    index('notices_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'failed')`),
    index('notices_trip_idx').on(t.tripId),
    index('notices_online_visit_idx').on(t.onlineVisitId),
    check('notices_subject', sql`num_nonnulls(${t.tripId}, ${t.onlineVisitId}) = 1`),
    index('notices_compound_idx').on(t.compoundId, t.createdAt),
    index('notices_district_idx').on(t.districtId, t.createdAt),
  ],
);

/** Every attempt to hand a notice to the provider, as it went. */
export const noticeAttempts = pgTable(
  'notice_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    at: tz('at').notNull().defaultNow(),
    outcome: noticeAttemptOutcomeEnum('outcome').notNull(),
    provider: text('provider').notNull(),
    detail: text('detail').notNull().default(''),
  },
  (t) => [index('notice_attempts_notice_idx').on(t.noticeId)],
);
