import { z } from 'zod';
import {
  INCIDENT_KINDS,
  INFECTION_CLASSES,
  LEG_DIRECTIONS,
  LEG_STATUSES,
  MOBILITIES,
  RETURN_MODES,
  SERVICES,
  URGENCIES,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
} from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { SCHEDULE_RULES, SOFT_SCHEDULE_RULES } from '../schedule-rules.ts';
import { line, paragraph } from './text.ts';

// Trips and legs: the round trip, its lifecycle steps, the views of each party, incidents.

const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });

export const LegParams = z.strictObject({ legId: z.uuid().meta({ description: 'The leg' }) });
export const RequestParams = z.strictObject({ requestId: z.uuid().meta({ description: 'The request' }) });
export const TripParams = z.strictObject({ tripId: z.uuid().meta({ description: 'The round trip' }) });
export const IncidentParams = z.strictObject({ incidentId: z.uuid().meta({ description: 'The incident' }) });
export const VehicleParams = z.strictObject({ vehicleId: z.uuid().meta({ description: 'The vehicle' }) });
export const DistrictParams = z.strictObject({ districtId: z.uuid().meta({ description: 'The district' }) });

const lng = z.number().min(-180).max(180).meta({ description: 'Where the step happened: longitude (WGS84)' });
const lat = z.number().min(-90).max(90).meta({ description: 'Where the step happened: latitude (WGS84)' });
const version = z.number().int().positive().meta({
  description: "The leg's version as last seen; a stale one gets 409 `conflict` (someone acted first)",
});

/** Body of every lifecycle step: where it happened and the version the caller saw. */
export const LegStepBody = z
  .strictObject({
    version: version.optional(),
    lng: lng.optional(),
    lat: lat.optional(),
    note: paragraph().max(500).optional().meta({ description: 'Free text kept in the leg history' }),
  })
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), {
    ...fieldCheck('both_or_neither', { a: 'lng', b: 'lat' }),
    path: ['lng'],
  })
  .meta({ id: 'LegStepBody' });
export type LegStepBody = z.infer<typeof LegStepBody>;

export const TreatmentFinishedBody = z
  .strictObject({
    earlyReason: paragraph().min(1).max(300).optional().meta({
      description:
        'Why a fixed-duration treatment ends well before its planned end (it could not be given, the patient is unwell …). Required then: without it the step answers 409 `step_not_open` (`treatment_not_over`, `opensAt` = the planned end). Kept in the return leg’s history and the audit trail',
    }),
  })
  .meta({ id: 'TreatmentFinishedBody' });
export type TreatmentFinishedBody = z.infer<typeof TreatmentFinishedBody>;

export const DeclineBody = z
  .strictObject({
    version: version.optional(),
    reason: paragraph().min(1).max(300).meta({ description: 'Why the driver cannot take the job' }),
  })
  .meta({ id: 'DeclineBody' });
export type DeclineBody = z.infer<typeof DeclineBody>;

export const REFUSAL_REASONS = ['test_result', 'health_code', 'symptom', 'capacity', 'other'] as const;
export const RefusalBody = z
  .strictObject({
    version: version.optional(),
    reason: z.enum(REFUSAL_REASONS).meta({
      description:
        'What the hospital gate gave as its reason. `test_result`, `health_code` and `symptom` are forbidden grounds (docs/product.md rule 8): the incident says so',
    }),
    note: paragraph().max(500).default('').meta({ description: 'What was said at the gate' }),
    lng: lng.optional(),
    lat: lat.optional(),
  })
  .meta({ id: 'RefusalBody' });
export type RefusalBody = z.infer<typeof RefusalBody>;

/** A dispatcher's explicit, audited yes to a soft scheduling rule on a booking by hand (a leg or a parcel). */
export const ScheduleOverride = z
  .strictObject({
    rules: z.array(z.enum(SOFT_SCHEDULE_RULES)).min(1).meta({
      description: 'The soft rules this booking may break (a window, ride or travel time, the 120 reserve)',
    }),
    reason: z
      .string()
      .trim()
      .min(2)
      .max(300)
      .meta({ description: "The dispatcher's reason, kept in the audit log" }),
  })
  .meta({
    id: 'ScheduleOverride',
    description:
      'Book despite a soft scheduling rule; capacity, vehicle kind and infection rules never yield',
  });
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

export const AssignLegBody = z
  .strictObject({
    vehicleId: z.uuid().meta({ description: 'The vehicle to book; its bound driver is booked with it' }),
    pickupAt: instant.optional().meta({ description: 'Planned pickup; defaults to the pickup window start' }),
    dropoffAt: instant
      .optional()
      .meta({ description: 'Planned drop-off; defaults to the drop-off window end' }),
    version: version.optional(),
    override: ScheduleOverride.optional(),
  })
  .meta({ id: 'AssignLegBody' });
export type AssignLegBody = z.infer<typeof AssignLegBody>;

export const CancelLegBody = z
  .strictObject({
    version: version.optional(),
    reason: paragraph().min(1).max(300).meta({ description: 'Why the leg is cancelled' }),
  })
  .meta({ id: 'CancelLegBody' });
export type CancelLegBody = z.infer<typeof CancelLegBody>;

export const PlanDayBody = z
  .strictObject({
    date: isoDate.meta({ description: 'The day to plan (city time)' }),
    seed: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Random seed of the search, for reproducible plans' }),
    iterations: z
      .number()
      .int()
      .min(0)
      .max(20_000)
      .optional()
      .meta({ description: 'Search effort (ALNS iterations)' }),
  })
  .meta({ id: 'PlanDayBody' });
export type PlanDayBody = z.infer<typeof PlanDayBody>;

export const ResolveIncidentBody = z
  .strictObject({
    resolution: paragraph().min(1).max(500).meta({ description: 'What dispatch did, kept on the incident' }),
    action: z.enum(['none', 'resume', 'cancel']).default('none').meta({
      description:
        'For a refusal at a hospital gate: `resume` lets the patient ride on (admitted, or to `hospitalId`), `cancel` ends the trip',
    }),
    hospitalId: z
      .uuid()
      .optional()
      .meta({ description: 'With `resume`: take the patient to this hospital instead' }),
  })
  .meta({ id: 'ResolveIncidentBody' });
export type ResolveIncidentBody = z.infer<typeof ResolveIncidentBody>;

export const BreakdownBody = z
  .strictObject({ note: line().max(500).default('').meta({ description: 'What happened' }) })
  .meta({ id: 'BreakdownBody' });
export type BreakdownBody = z.infer<typeof BreakdownBody>;

export const IncidentQuery = z
  .strictObject({
    districtId: z.uuid().optional().meta({ description: 'Only this district (default: all in scope)' }),
    open: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true'))
      .meta({ description: '`true`: only unresolved ones' }),
  })
  .meta({ id: 'IncidentQuery' });
export type IncidentQuery = z.infer<typeof IncidentQuery>;

export const DayQuery = z
  .strictObject({ date: isoDate.optional().meta({ description: 'The day (default: today, city time)' }) })
  .meta({ id: 'DayQuery' });
export type DayQuery = z.infer<typeof DayQuery>;

export const DistrictLegsQuery = z
  .strictObject({
    date: isoDate.optional().meta({ description: 'The day of the requests (default: today, city time)' }),
    status: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v === '' ? undefined : v.split(',')))
      .pipe(z.array(z.enum(LEG_STATUSES)).optional())
      .meta({
        description: 'Only legs in these statuses, comma-separated (`declined,cancelled`); default all',
      }),
  })
  .meta({ id: 'DistrictLegsQuery' });
export type DistrictLegsQuery = z.infer<typeof DistrictLegsQuery>;

/** What protection the crew needs, derived from the infection class (never the class's reason). */
export const PROTECTION_LEVELS = ['standard', 'ppe', 'full_ppe'] as const;

/** A leg as every party sees it: masked identity, no ID number or phone. */
export const LegView = z
  .object({
    id: z.uuid(),
    tripId: z.uuid(),
    requestId: z.uuid(),
    date: isoDate.meta({
      description:
        'The day the leg belongs to (its request’s, `YYYY-MM-DD` in the city): it is worked on that day only',
    }),
    direction: z.enum(LEG_DIRECTIONS),
    status: z.enum(LEG_STATUSES),
    version: z.number().int(),
    released: z
      .boolean()
      .meta({ description: 'false: a will-call return the hospital has not released yet' }),
    patient: z.object({
      id: z.uuid(),
      name: z.string().meta({ description: 'Masked (张*明)' }),
      mobility: z.enum(MOBILITIES),
      companions: z.number().int(),
      infectionClass: z.enum(INFECTION_CLASSES),
      protection: z.enum(PROTECTION_LEVELS),
    }),
    compound: z.object({
      id: z.uuid(),
      name: z.string(),
      disinfectAfterEveryPassenger: z.boolean().meta({
        description:
          "The compound's district disinfects its vehicles after every passenger (一客一消杀), not only after an infected one",
      }),
    }),
    gate: z.object({ id: z.uuid(), name: z.string(), lng: z.number(), lat: z.number() }),
    hospital: z.object({ id: z.uuid(), name: z.string(), lng: z.number(), lat: z.number() }),
    vehicle: z.object({ id: z.uuid(), plate: z.string(), kind: z.enum(VEHICLE_KINDS) }).nullable(),
    returnMode: z.enum(RETURN_MODES),
    service: z.enum(SERVICES).meta({ description: 'The care need the trip serves (dialysis, oncology …)' }),
    urgency: z.enum(URGENCIES),
    appointmentWindow: z
      .tuple([instant, instant])
      .meta({ description: 'The request: the patient must arrive at the hospital inside this window' }),
    inTreatment: z.boolean().meta({
      description:
        'An outbound leg completed at the hospital whose will-call return is not released yet: the patient is in treatment, waiting for "treatment finished"',
    }),
    pickupWindow: z.tuple([instant.nullable(), instant.nullable()]),
    dropoffWindow: z.tuple([instant.nullable(), instant.nullable()]),
    plannedPickupAt: instant.nullable(),
    plannedDropoffAt: instant.nullable(),
    etaAt: instant.nullable(),
    contacts: z
      .object({
        gate: z
          .string()
          .meta({ description: "A phone number of the compound's gatekeeper ('' when none is known)" }),
        hospitalDesk: z
          .string()
          .meta({ description: "The hospital desk's phone number ('' when none is known)" }),
      })
      .meta({ description: 'Who the driver can call about this leg' }),
  })
  .meta({ id: 'LegView' });
export type LegView = z.infer<typeof LegView>;

/** A return leg picked up at a hospital's entrance, as the hospital desk sees it: who drives it. */
export const ReturnPickupView = LegView.extend({
  driver: z
    .object({
      name: z.string(),
      phone: z.string().meta({ description: "The driver's phone ('' when none is known)" }),
    })
    .nullable()
    .meta({ description: 'The driver booked on the leg; null while no vehicle is assigned' }),
}).meta({ id: 'ReturnPickupView' });
export type ReturnPickupView = z.infer<typeof ReturnPickupView>;

export const PlanReason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const TripView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    hospitalId: z.uuid(),
    matchReason: z
      .object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })
      .nullable(),
    outbound: LegView,
    return: LegView,
    unserved: z
      .array(z.object({ legId: z.uuid(), reason: PlanReason }))
      .optional()
      .meta({
        description:
          'An emergency inserted at once that no vehicle can take: its legs and the planner’s coded reason (`no_ambulance`, `fleet_busy` …); an incident for dispatch says the same',
      }),
  })
  .meta({ id: 'TripView' });
export type TripView = z.infer<typeof TripView>;

export const LegEventView = z
  .object({
    at: instant,
    actorId: z.uuid().nullable(),
    from: z.enum(LEG_STATUSES).nullable(),
    to: z.enum(LEG_STATUSES),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    note: z.string(),
  })
  .meta({ id: 'LegEventView' });

/**
 * The `clash` member of a `booking_conflict` problem: the existing booking the new one overlaps
 * (which of vehicle, driver or patient is double-booked, and when). Only `constraint` when the
 * clashing booking could not be found again.
 */
export const BookingClash = z
  .object({
    constraint: z.string().nullish(),
    on: z.enum(['vehicle', 'driver', 'patient']).optional(),
    legId: z.uuid().optional(),
    tripId: z.uuid().optional(),
    status: z.enum(LEG_STATUSES).optional(),
    vehicleId: z.uuid().nullish(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .meta({ id: 'BookingClash' });
export type BookingClash = z.infer<typeof BookingClash>;

/**
 * What stands between a vehicle and a leg for manual assignment: a schedule rule the gate would refuse
 * (`shared/src/schedule-rules.ts`), or the vehicle being off duty, without a driver, or booked then.
 */
export const VEHICLE_FIT_BLOCKS = [...SCHEDULE_RULES, 'off_duty', 'no_driver', 'busy'] as const;

export const VehicleSuggestion = z
  .object({
    vehicleId: z.uuid(),
    plate: z.string(),
    kind: z.enum(VEHICLE_KINDS),
    status: z.enum(VEHICLE_STATUSES),
    fit: z.enum(['fits', 'override', 'blocked']).meta({
      description:
        '`fits`: the schedule gate takes it as is; `override`: only a soft rule is in the way (an audited override can book it); `blocked`: a hard rule, off duty, no driver or another booking',
    }),
    rule: z.enum(VEHICLE_FIT_BLOCKS).nullable().meta({ description: 'What is in the way, when anything is' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .meta({ description: "The rule's placeholders (vehicle, legs, load, capacity, minutes…)" }),
    clash: z
      .object({ legId: z.uuid(), patientName: z.string(), from: instant, to: instant })
      .nullable()
      .meta({ description: 'For `busy`: the booking of this vehicle the leg would overlap' }),
    etaAt: instant.meta({
      description:
        'When the vehicle would be at the pickup: the booked pickup time, or later when it cannot get there by then (driving after its previous booking, or from now, from where that leaves it, else its last position or base)',
    }),
    pickupAt: instant.meta({ description: 'The pickup time the assignment would book' }),
  })
  .meta({ id: 'VehicleSuggestion' });
export type VehicleSuggestion = z.infer<typeof VehicleSuggestion>;

export const LegDetailView = LegView.extend({ history: z.array(LegEventView) }).meta({ id: 'LegDetailView' });
export type LegDetailView = z.infer<typeof LegDetailView>;

/** Why the planner or the hospital matching left something out: a code with its placeholders. */

export const PlanDayResult = z
  .object({
    date: isoDate,
    served: z.array(
      z.object({
        legId: z.uuid(),
        vehicleId: z.uuid(),
        runId: z.uuid(),
        pickupAt: instant,
        dropoffAt: instant,
      }),
    ),
    unserved: z.array(
      z.object({
        legId: z.uuid(),
        reason: PlanReason,
      }),
    ),
    awaitingRelease: z
      .array(z.uuid())
      .meta({ description: 'Will-call returns not released yet: planned when the hospital says ready' }),
    trips: z
      .object({
        created: z
          .number()
          .int()
          .meta({ description: 'Round trips created first for the day’s requests that had none' }),
        unmatched: z
          .array(z.object({ requestId: z.uuid(), reason: PlanReason }))
          .meta({ description: 'Requests left without a round trip: no hospital can take them (reason)' }),
      })
      .meta({ description: 'What planning the day did before the search: the missing round trips' }),
    onlineVisits: z
      .object({
        booked: z
          .number()
          .int()
          .meta({ description: 'Online visits booked for the day’s requests served online' }),
        unmatched: z.array(z.object({ requestId: z.uuid(), reason: PlanReason })).meta({
          description: 'Requests served online that no hospital has a free online place for (reason)',
        }),
      })
      .meta({ description: 'The day’s requests served online, booked into online slots' }),
    deliveries: z
      .object({
        served: z.array(
          z.object({ deliveryId: z.uuid(), vehicleId: z.uuid(), pickupAt: instant, dropoffAt: instant }),
        ),
        unserved: z.array(z.object({ deliveryId: z.uuid(), reason: PlanReason })),
      })
      .meta({
        description:
          'Medicine deliveries planned with the legs (pharmacy → gate), and those left without a vehicle',
      }),
    stats: z.record(z.string(), z.number()),
  })
  .meta({ id: 'PlanDayResult' });
export type PlanDayResult = z.infer<typeof PlanDayResult>;

export const IncidentView = z
  .object({
    id: z.uuid(),
    kind: z.enum(INCIDENT_KINDS),
    districtId: z.uuid().nullable(),
    legId: z.uuid().nullable(),
    vehicleId: z.uuid().nullable(),
    hospitalId: z.uuid().nullable(),
    description: z.string(),
    detail: z.record(z.string(), z.unknown()).meta({
      description: 'Structured facts, e.g. the refusal reason and whether it is a forbidden ground',
    }),
    openedAt: instant,
    resolvedAt: instant.nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'IncidentView' });
export type IncidentView = z.infer<typeof IncidentView>;

export const BreakdownResult = z
  .object({
    incident: IncidentView,
    unassigned: z.array(z.uuid()),
    reassigned: z.array(z.object({ legId: z.uuid(), vehicleId: z.uuid() })),
  })
  .meta({ id: 'BreakdownResult' });
export type BreakdownResult = z.infer<typeof BreakdownResult>;
