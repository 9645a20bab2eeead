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
} from '../domain.ts';
import { isoDate } from './fields.ts';
import { CareWaysFigures } from './online-visits.ts';

/** The district's and the compound's overview of a day (供需匹配). */
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
