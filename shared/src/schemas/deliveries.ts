import { z } from 'zod';
import { DELIVERY_STATUSES, PRESCRIPTION_SOURCES } from '../deliveries.ts';
import { VEHICLE_KINDS } from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { line, paragraph } from './text.ts';
import { ScheduleOverride } from './trips.ts';

// Medicine delivery: prescriptions, their parcels, and the views of the pharmacy → gate → household chain.

const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ pattern: HHMM.source });
const version = z.number().int().positive().meta({
  description: "The delivery's version as last seen; a stale one gets 409 `conflict` (someone acted first)",
});
const place = z.object({ id: z.uuid(), name: z.string(), lng: z.number(), lat: z.number() });

export const DeliveryParams = z.strictObject({ deliveryId: z.uuid().meta({ description: 'The delivery' }) });
export const PatientPrescriptionParams = z.strictObject({
  patientId: z.uuid().meta({ description: 'The patient the medicine is for' }),
});

export const PrescriptionItem = z
  .strictObject({
    name: line()
      .trim()
      .min(1)
      .max(100)
      .meta({ description: 'Medicine name as on the prescription (e.g. 二甲双胍缓释片)' }),
    quantity: line().trim().min(1).max(40).meta({ description: 'How much (e.g. 2盒, 30片)' }),
    instructions: paragraph()
      .trim()
      .max(200)
      .default('')
      .meta({ description: '用药指导: how to take it, as the doctor wrote it' }),
  })
  .meta({ id: 'PrescriptionItem' });
export type PrescriptionItem = z.infer<typeof PrescriptionItem>;

/** The hours the parcel may reach the gate on its day (local time). */
export const DropoffHours = z
  .strictObject({
    from: hhmm.meta({ description: 'Earliest hand-over at the gate (HH:MM, local)' }),
    to: hhmm.meta({ description: 'Latest hand-over at the gate (HH:MM, local)' }),
  })
  .refine((w) => w.to > w.from, { ...fieldCheck('must_be_after', { other: 'from' }), path: ['to'] })
  .meta({ id: 'DropoffHours' });
export type DropoffHours = z.infer<typeof DropoffHours>;

/**
 * A prescription to deliver: issued at an online visit (the hospital desk) or typed in by the
 * gatekeeper from a paper list. It becomes one parcel, one delivery.
 */
export const PrescriptionInput = z
  .strictObject({
    hospitalId: z
      .uuid()
      .meta({ description: 'The hospital whose pharmacy fills it: the parcel is collected there' }),
    items: z
      .array(PrescriptionItem)
      .min(1)
      .max(20)
      .meta({ description: 'The medicines, one line each (1–20)' }),
    date: isoDate.optional().meta({
      description:
        'The day to deliver (default: today before 15:00 in the city, else tomorrow — the next delivery round)',
    }),
    dropoffHours: DropoffHours.optional().meta({
      description: 'When the gate can take it (default 10:00–18:00)',
    }),
    onlineVisitId: z.uuid().nullable().optional().meta({
      description: 'The online visit that issued it (set by the online-visit outcome, not by hand)',
    }),
    requestId: z
      .uuid()
      .nullable()
      .optional()
      .meta({ description: "The patient's request (a need on a date) this delivery serves, if any" }),
    note: paragraph()
      .trim()
      .max(300)
      .default('')
      .meta({ description: 'For the gatekeeper and dispatch, never the driver' }),
  })
  .meta({ id: 'PrescriptionInput' });
export type PrescriptionInput = z.input<typeof PrescriptionInput>;
export type ParsedPrescriptionInput = z.output<typeof PrescriptionInput>;

/** Body of every delivery step: the version seen and, for the driver, where it happened. */
export const DeliveryStepBody = z
  .strictObject({
    version: version.optional(),
    lng: z.number().min(-180).max(180).optional().meta({ description: 'Where the step happened: longitude' }),
    lat: z.number().min(-90).max(90).optional().meta({ description: 'Where the step happened: latitude' }),
    note: paragraph()
      .max(300)
      .optional()
      .meta({ description: 'Free text kept with the step (a cancellation: why)' }),
  })
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), {
    ...fieldCheck('both_or_neither', { a: 'lng', b: 'lat' }),
    path: ['lng'],
  })
  .meta({ id: 'DeliveryStepBody' });
export type DeliveryStepBody = z.infer<typeof DeliveryStepBody>;

/**
 * Dispatch puts a parcel on a vehicle by hand (or moves it to another one), through the same schedule
 * gate as the legs: a vehicle carrying a close contact or a positive patient then is refused.
 */
export const AssignDeliveryBody = z
  .strictObject({
    vehicleId: z.uuid().meta({
      description: 'The volunteer or requisitioned vehicle to carry it; its bound driver gets the job',
    }),
    pickupAt: instant.optional().meta({
      description:
        'When to collect it at the pharmacy; default: as planned on this vehicle, else in time for the gate’s window (not before now)',
    }),
    version: version.optional(),
    override: ScheduleOverride.optional(),
  })
  .meta({ id: 'AssignDeliveryBody' });
export type AssignDeliveryBody = z.infer<typeof AssignDeliveryBody>;

const unservedReason = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
  .nullable()
  .meta({ description: 'Why the planner found no vehicle (planner reason code), while pending' });

/**
 * What the driver sees of a delivery, and what every delivery event carries: contactless — the masked
 * name, the building and the parcel number; no medicines, no ID, no phone, no room.
 */
export const DriverDeliveryView = z
  .object({
    id: z.uuid(),
    date: isoDate,
    status: z.enum(DELIVERY_STATUSES),
    version: z.number().int(),
    parcelNo: z.string().meta({ description: 'The number on the parcel (P-XXXXXX), called out at the gate' }),
    recipient: z.object({
      name: z.string().meta({ description: 'Masked (张*明)' }),
      building: z.string().meta({ description: 'Building only (no unit or room)' }),
    }),
    compound: z.object({ id: z.uuid(), name: z.string() }),
    gate: place,
    pharmacy: place.meta({ description: 'The hospital whose pharmacy hands out the parcel' }),
    vehicle: z.object({ id: z.uuid(), plate: z.string(), kind: z.enum(VEHICLE_KINDS) }).nullable(),
    pickupWindow: z.tuple([instant, instant]),
    dropoffWindow: z.tuple([instant, instant]),
    plannedPickupAt: instant.nullable(),
    plannedDropoffAt: instant.nullable(),
  })
  .meta({ id: 'DriverDeliveryView' });
export type DriverDeliveryView = z.infer<typeof DriverDeliveryView>;

/** A delivery as the gatekeeper, dispatch and the hospital see it: the driver's view plus the prescription. */
export const DeliveryView = DriverDeliveryView.extend({
  patient: z.object({
    id: z.uuid(),
    name: z.string().meta({ description: "Full for the patient's own gatekeeper, masked for everyone else" }),
    building: z.string(),
    unit: z.string(),
  }),
  prescription: z.object({
    id: z.uuid(),
    source: z.enum(PRESCRIPTION_SOURCES),
    onlineVisitId: z.uuid().nullable(),
    items: z.array(PrescriptionItem),
    note: z.string(),
    issuedAt: instant,
  }),
  requestId: z.uuid().nullable(),
  unserved: unservedReason,
  pickedUpAt: instant.nullable(),
  atGateAt: instant.nullable(),
  receivedAt: instant.nullable(),
  deliveredAt: instant.nullable(),
}).meta({ id: 'DeliveryView' });
export type DeliveryView = z.infer<typeof DeliveryView>;
