import { z } from 'zod';
import {
  COMPOUND_LEVELS,
  CROWDING_LEVELS,
  HOSPITAL_STATUSES,
  INFECTION_CLASSES,
  LEG_DIRECTIONS,
  LEG_STATUSES,
  MOBILITIES,
  NEED_KINDS,
  ONLINE_VISIT_STATUSES,
  PATIENT_STATUSES,
  REQUEST_STATUSES,
  SERVICES,
  URGENCIES,
  VEHICLE_STATUSES,
  WAYS_OF_SERVICE,
  ZONE_LEVELS,
} from './domain.ts';
import { DriverDeliveryView } from './schemas/deliveries.ts';
import { CompoundLevelChange } from './schemas/districts.ts';
import { IncidentView } from './schemas/trips.ts';

/**
 * The one contract of the durable domain events: every type the server records, its payload (a zod
 * schema), who receives it and when it fires. The server's writers are typed by it and check each
 * payload against it under test (server/src/domain/events/record-event.ts); the web reads the payload
 * types from here; docs/realtime.md describes every type, checked by shared/src/events.test.ts.
 * Objects are not strict: a field added to a payload never breaks delivery.
 */

const id = z.string();
const instant = z.string();
/** The local service date (the city's time zone, TIME_ZONE) of the request or leg, YYYY-MM-DD. */
const serviceDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)');
const place = z.object({ id, name: z.string(), lng: z.number(), lat: z.number() });

/** A leg event's payload (`legEventPayload` in server/src/domain/schedule/leg-event-payload.ts); identity masked. */
const legEvent = z.object({
  legId: id,
  tripId: id,
  date: serviceDate,
  direction: z.enum(LEG_DIRECTIONS),
  status: z.enum(LEG_STATUSES),
  version: z.number(),
  released: z.boolean(),
  patient: z.object({
    name: z.string(),
    mobility: z.enum(MOBILITIES),
    companions: z.number(),
    infectionClass: z.enum(INFECTION_CLASSES),
    protection: z.unknown(),
  }),
  compoundId: id,
  gate: place,
  hospital: place,
  vehicle: z.object({ id, plate: z.string() }).nullable(),
  plannedPickupAt: instant.nullable(),
  plannedDropoffAt: instant.nullable(),
  etaAt: instant.nullable(),
  /** job.cancelled, and a declined leg: why. */
  reason: z.string().optional(),
  /** job.updated: `zone_change` when the compound's level tightened. */
  flag: z.string().optional(),
  /** job.updated after treatment: when the patient is ready to go home. */
  readyAt: instant.optional(),
  /** job.updated after treatment without a vehicle: why the planner found none. */
  unserved: z
    .object({ code: z.string(), params: z.record(z.string(), z.unknown()) })
    .nullable()
    .optional(),
});
export type LegEventPayload = z.infer<typeof legEvent>;
/** The optional facts a leg event may add to `legEventPayload`. */
export type LegEventExtra = Partial<
  Pick<LegEventPayload, 'status' | 'reason' | 'flag' | 'readyAt' | 'unserved'>
>;

const incidentEvent = IncidentView.omit({ id: true }).extend({ incidentId: id });
const patientStatusEvent = z.object({ patientId: id, compoundId: id, status: z.enum(PATIENT_STATUSES) });
const requestEvent = z.object({
  requestId: id,
  patientId: id,
  compoundId: id,
  date: serviceDate,
  urgency: z.enum(URGENCIES),
  service: z.enum(SERVICES),
});

/** An online visit's events: where and when, never who (the streams' readers load the visit). */
const onlineVisitEvent = z.object({
  visitId: id,
  requestId: id,
  compoundId: id,
  hospitalId: id,
  date: serviceDate,
  service: z.enum(SERVICES),
  status: z.enum(ONLINE_VISIT_STATUSES),
  startsAt: instant,
  endsAt: instant,
  /** online_visit.ended with `needs_on_site`: the trip request raised. */
  followUpRequestId: id.nullable().optional(),
  /** online_visit.rescheduled: the time it had before. */
  previousStartsAt: instant.optional(),
});

interface EventSpec<S extends z.ZodType> {
  schema: S;
  /** Which streams get it. */
  recipients: string;
  /** What makes the server record it. */
  when: string;
}
const spec = <S extends z.ZodType>(schema: S, recipients: string, when: string): EventSpec<S> => ({
  schema,
  recipients,
  when,
});

const LEG_PARTIES = 'some of the leg’s vehicle, district, compound and hospital streams';

export const EVENT_CONTRACT = {
  'job.assigned': spec(
    legEvent,
    'the vehicle, district and compound streams',
    'a leg is booked on a vehicle (plan or manual assignment)',
  ),
  'job.updated': spec(
    legEvent,
    LEG_PARTIES,
    'a booked leg changed: re-planned times, a zone tightened, the patient is ready to go home',
  ),
  'job.cancelled': spec(
    legEvent,
    'the parties who knew the booking (driver, district, compound, hospital for an outbound leg)',
    'a leg leaves a vehicle: cancelled, unassigned, reassigned, re-planned, a breakdown',
  ),
  'leg.status_changed': spec(
    legEvent,
    LEG_PARTIES,
    'a driver, gatekeeper or hospital takes a step on the leg',
  ),
  'arrival.expected': spec(
    legEvent,
    'the hospital stream',
    'an outbound leg is booked, or its patient leaves the compound',
  ),
  'patient.out': spec(legEvent, 'the compound and district streams', 'the gatekeeper lets the patient out'),
  'patient.back': spec(
    legEvent,
    'the compound and district streams',
    'the gatekeeper lets the patient back in',
  ),
  'leg.eta_updated': spec(
    z.object({
      legId: id,
      tripId: id,
      date: serviceDate,
      vehicleId: id,
      stop: z.enum(['pickup', 'dropoff']),
      etaAt: instant,
      minutes: z.number(),
    }),
    'the leg’s hospital and compound streams',
    'a driver’s position moves the active leg’s ETA by a minute or more',
  ),
  'vehicle.stale': spec(
    z.object({ vehicleId: id, districtId: id, stale: z.boolean(), lastSeenAt: instant.nullable() }),
    'the district stream',
    'a vehicle with an active leg goes silent (stale: true), or is heard again (stale: false)',
  ),
  'vehicle.status_changed': spec(
    z.object({
      vehicleId: id,
      districtId: id,
      status: z.enum(VEHICLE_STATUSES),
      previous: z.enum(VEHICLE_STATUSES),
      disinfectingUntil: instant.nullable(),
    }),
    'the district stream',
    'a vehicle’s status follows its legs (on a job, disinfecting, available) or a breakdown',
  ),
  'request.created': spec(
    requestEvent,
    'the district and compound streams',
    'a scheduled request is created for a patient',
  ),
  'request.emergency': spec(
    requestEvent,
    'the district and compound streams',
    'an emergency request is created for a patient',
  ),
  'request.status_changed': spec(
    z.object({
      requestId: id,
      tripId: id,
      date: serviceDate,
      status: z.enum(REQUEST_STATUSES),
      previous: z.enum(REQUEST_STATUSES),
    }),
    'the district and compound streams',
    'a request’s status follows its legs',
  ),
  'request.way_changed': spec(
    z.object({
      requestId: id,
      patientId: id,
      compoundId: id,
      date: serviceDate,
      serveBy: z.enum(WAYS_OF_SERVICE),
      previous: z.enum(WAYS_OF_SERVICE),
    }),
    'the district and compound streams',
    'a gatekeeper or dispatcher chooses another way of serving a request (trip, online visit, delivery)',
  ),
  'online_visit.booked': spec(
    onlineVisitEvent,
    'the hospital, district and compound streams',
    'a request is booked into a hospital’s online slot',
  ),
  'online_visit.rescheduled': spec(
    onlineVisitEvent,
    'the hospital, district and compound streams',
    'the gatekeeper, dispatch or the hospital desk moves a booked visit to another free place',
  ),
  'online_visit.cancelled': spec(
    onlineVisitEvent,
    'the hospital, district and compound streams',
    'the gatekeeper, dispatch or the hospital desk cancels a booked visit (the request is left unserved)',
  ),
  'online_visit.started': spec(
    onlineVisitEvent,
    'the hospital, district and compound streams',
    'the hospital desk starts the online visit',
  ),
  'online_visit.ended': spec(
    onlineVisitEvent,
    'the hospital, district and compound streams',
    'the hospital desk records the outcome: done, no answer, needs an on-site visit, prescription issued',
  ),
  'requests.generated': spec(
    z.object({ districtId: id, compoundId: id.nullish(), date: serviceDate, created: z.number() }),
    'the district stream (and the compound’s, when generated for one)',
    'the day’s requests are generated from the patients’ recurring needs',
  ),
  'incident.opened': spec(
    incidentEvent,
    'the district stream, and the hospital or vehicle concerned',
    'something dispatch must resolve happens (a refusal at a gate, a breakdown …)',
  ),
  'incident.resolved': spec(
    incidentEvent,
    'the district stream, and those told of the opening',
    'dispatch resolves it',
  ),
  'patient.registered': spec(
    patientStatusEvent,
    'the compound and district streams',
    'staff register a patient',
  ),
  'patient.archived': spec(patientStatusEvent, 'the compound and district streams', 'a patient is archived'),
  'patient.pending': spec(
    z.object({ patientId: id, compoundId: id }),
    'the compound stream',
    'a household self-registers (awaiting verification)',
  ),
  'patient.verified': spec(
    patientStatusEvent,
    'the compound and district streams',
    'a self-registration is verified',
  ),
  'patient.rejected': spec(
    patientStatusEvent,
    'the compound and district streams',
    'a self-registration is rejected',
  ),
  'patient.updated': spec(
    z.object({ patientId: id, compoundId: id, fields: z.array(z.string()) }),
    'the compound and district streams',
    'a patient’s identity, address, mobility, infection class or consent is corrected',
  ),
  'patient.need_changed': spec(
    z.object({ patientId: id, needId: id, kind: z.enum(NEED_KINDS), active: z.boolean() }),
    'the compound and district streams',
    'a need is added, changed or switched off',
  ),
  'patients.imported': spec(
    z.object({ compoundId: id, count: z.number() }),
    'the compound and district streams',
    'a roster is imported',
  ),
  'hospital.status_changed': spec(
    z.object({
      hospitalId: id,
      districtId: id.nullable(),
      crowding: z.enum(CROWDING_LEVELS),
      status: z.enum(HOSPITAL_STATUSES),
      acceptsPositive: z.boolean(),
    }),
    'the hospital stream and its district’s',
    'the hospital desk (or admin) publishes its crowding or open/diverting status',
  ),
  'compound.level_changed': spec(
    CompoundLevelChange.extend({ districtId: id, from: z.enum(COMPOUND_LEVELS), at: instant }),
    'the district and compound streams',
    'a zone change moves a compound’s control level',
  ),
  'zone.changed': spec(
    z.object({
      districtId: id,
      change: z.enum(['created', 'updated', 'ended', 'imported']),
      zones: z.array(
        z.object({
          id,
          name: z.string(),
          level: z.enum(ZONE_LEVELS),
          validFrom: instant,
          validTo: instant.nullable(),
          endedAt: instant.nullable(),
        }),
      ),
      compoundLevelChanges: z.array(CompoundLevelChange),
    }),
    'the district stream',
    'a control zone is drawn, edited, ended or imported',
  ),
  'delivery.updated': spec(
    DriverDeliveryView.extend({
      /** The vehicle that carried it before this change, when it moved off one (re-planned, cancelled). */
      previousVehicleId: id.nullable().optional(),
      /** Why it changed: `created`, `planned`, `assigned` (by dispatch's hand), `unserved`, `breakdown`, `cancelled`. */
      reason: z.string().optional(),
    }),
    'the district and compound streams, and the vehicle carrying it (or that carried it)',
    'a medicine delivery is created, planned on or off a vehicle, assigned by hand, picked up, left at the gate, received, handed to the household or cancelled',
  ),
  'account.scope_changed': spec(
    z.object({
      accountId: id,
      /**
       * Each stream of the account's new scope → its head as the change committed: a socket joining a
       * stream replays it from there, so nothing committed between the change and the join is lost.
       */
      heads: z.record(z.string(), z.number().int().nonnegative()),
    }),
    'the account’s own stream',
    'the account’s scope changed (compound, vehicle, edited or deactivated)',
  ),
} as const;

export type EventContract = typeof EVENT_CONTRACT;
export type EventType = keyof EventContract;
/** The payload a writer sends for an event type. */
export type EventPayload<T extends EventType> = z.input<EventContract[T]['schema']>;
export const EVENT_TYPES = Object.keys(EVENT_CONTRACT) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CONTRACT, type);
}

/** Checks a payload against its type's schema: null when it fits, else what is wrong. */
export function eventPayloadIssues(type: string, payload: unknown): string | null {
  if (!isEventType(type)) return `unknown event type ${type}`;
  const result = EVENT_CONTRACT[type].schema.safeParse(payload);
  if (result.success) return null;
  return result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
}

/**
 * A received event's payload, checked against its type's schema: null for another type or a payload
 * that does not fit (clients then ignore the event rather than trust a cast).
 */
export function payloadOf<T extends EventType>(
  event: { type: string; payload: unknown },
  type: T,
): z.output<EventContract[T]['schema']> | null {
  if (event.type !== type) return null;
  const result = EVENT_CONTRACT[type].schema.safeParse(event.payload);
  return result.success ? (result.data as z.output<EventContract[T]['schema']>) : null;
}
