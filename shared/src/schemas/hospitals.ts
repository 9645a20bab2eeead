import { z } from 'zod';
import { CROWDING_LEVELS, HOSPITAL_STATUSES, SERVICES } from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { clock, isoDate, LngLat, name, recordId } from './fields.ts';
import { line } from './text.ts';

/** Hospitals: their services, status, slots and capacity. */
export const HospitalPathParams = z.strictObject({ hospitalId: recordId('hospital') });

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
