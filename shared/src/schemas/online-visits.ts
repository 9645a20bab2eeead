import { z } from 'zod';
import { WayOfServiceSchema } from '../care-ways.ts';
import { ONLINE_VISIT_STATUSES, SERVICES, WAYS_OF_SERVICE } from '../domain.ts';
import { PrescriptionInput } from './deliveries.ts';
import { paragraph } from './text.ts';

// Online visits (在线复诊): booking a request into a hospital's online slot, the card the gatekeeper
// passes on, the hospital desk's day, and the outcome it records.

const isoDate = z.iso.date();

export const OnlineVisitParams = z.strictObject({
  visitId: z.uuid().meta({ description: 'The online visit' }),
});

export const OnlineVisitTokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'is not a join link')
    .meta({ description: 'The join token from the visit link `/v/<token>`' }),
});

export const ChooseWayBody = z
  .strictObject({
    serveBy: WayOfServiceSchema.meta({
      description:
        'How the request is served; checked against the need (dialysis, chemotherapy and emergencies only by trip)',
    }),
  })
  .meta({ id: 'ChooseWayBody' });
export type ChooseWayBody = z.infer<typeof ChooseWayBody>;

export const BookOnlineVisitBody = z
  .strictObject({
    hospitalId: z.uuid().optional().meta({
      description: 'A hospital to book at; default: the regular hospital, else the nearest with a free slot',
    }),
  })
  .meta({ id: 'BookOnlineVisitBody' });
export type BookOnlineVisitBody = z.infer<typeof BookOnlineVisitBody>;

const note = paragraph().max(500).default('').meta({ description: "The desk's note (no identity)" });

export const CancelOnlineVisitBody = z
  .strictObject({
    note: paragraph()
      .max(500)
      .default('')
      .meta({ description: 'Why it is cancelled (no identity); kept in the audit trail' }),
  })
  .meta({ id: 'CancelOnlineVisitBody' });
export type CancelOnlineVisitBody = z.infer<typeof CancelOnlineVisitBody>;

export const RescheduleOnlineVisitBody = z
  .strictObject({
    startsAt: z.iso.datetime({ offset: true }).meta({
      description:
        "The time wanted: the visit takes the first free place from then on in the same hospital's online slot of its service (any day; at least a few minutes ahead)",
    }),
  })
  .meta({ id: 'RescheduleOnlineVisitBody' });
export type RescheduleOnlineVisitBody = z.infer<typeof RescheduleOnlineVisitBody>;

export const RecordVisitOutcomeBody = z
  .discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('done'), note }),
    z.strictObject({ outcome: z.literal('no_answer'), note }),
    z.strictObject({
      outcome: z.literal('needs_on_site'),
      note,
      appointmentAt: z.iso
        .datetime({ offset: true })
        .meta({ description: 'When the patient must be at the hospital; a trip request is raised for it' }),
      treatmentMinutes: z
        .number()
        .int()
        .min(10)
        .max(600)
        .default(60)
        .meta({ description: 'How long the on-site visit takes (the return trip follows it)' }),
    }),
    z.strictObject({
      outcome: z.literal('prescription_issued'),
      note,
      items: PrescriptionInput.shape.items,
      date: PrescriptionInput.shape.date,
      dropoffHours: PrescriptionInput.shape.dropoffHours,
    }),
  ])
  .meta({ id: 'RecordVisitOutcomeBody' });
export type RecordVisitOutcomeBody = z.infer<typeof RecordVisitOutcomeBody>;

export const OnlineVisitView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string().meta({ description: 'Full for the compound gatekeeper, otherwise masked' }),
    compoundId: z.uuid(),
    hospitalId: z.uuid(),
    hospitalName: z.string(),
    hospitalPhone: z.string(),
    service: z.enum(SERVICES),
    date: isoDate,
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: z.enum(ONLINE_VISIT_STATUSES),
    joinPath: z.string().nullable().meta({
      description: 'The join link `/v/<token>`: only for the compound gatekeeper and the hospital desk',
    }),
    matchReason: z
      .object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })
      .nullable()
      .meta({ description: 'Why this hospital (continuity of the regular hospital first)' }),
    note: z.string(),
    startedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    followUpRequestId: z.uuid().nullable().meta({ description: '`needs_on_site`: the trip request raised' }),
  })
  .meta({ id: 'OnlineVisitView' });
export type OnlineVisitView = z.infer<typeof OnlineVisitView>;

export const OnlineVisitListQuery = z
  .strictObject({
    date: isoDate.meta({ description: 'The day (city time)' }),
    hospitalId: z.uuid().optional().meta({ description: "A hospital's online visits (its desk, admin)" }),
    compoundId: z.uuid().optional().meta({ description: "A compound's (its gatekeepers, dispatch)" }),
  })
  .meta({ id: 'OnlineVisitListQuery' });
export type OnlineVisitListQuery = z.infer<typeof OnlineVisitListQuery>;

export const OnlineVisitList = z.object({ items: z.array(OnlineVisitView) }).meta({ id: 'OnlineVisitList' });
export type OnlineVisitList = z.infer<typeof OnlineVisitList>;

/** What the join link shows to whoever holds it: no identity, only when and with whom. */
export const OnlineVisitJoinView = z
  .object({
    hospitalName: z.string(),
    hospitalPhone: z.string(),
    service: z.enum(SERVICES),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: z.enum(ONLINE_VISIT_STATUSES),
  })
  .meta({ id: 'OnlineVisitJoinView' });
export type OnlineVisitJoinView = z.infer<typeof OnlineVisitJoinView>;

/** Needs served by each way on a day, and the unmet ones by reason. */
export const CareWaysFigures = z
  .object({
    byWay: z.record(
      z.enum(WAYS_OF_SERVICE),
      z.object({
        total: z.number().int().meta({ description: 'Requests of the day (not cancelled) served this way' }),
        served: z.number().int().meta({
          description: 'Booked or done: a planned trip, a booked or held visit, a delivery on its way',
        }),
        unmet: z.number().int().meta({ description: 'Unserved, or still waiting for a booking' }),
      }),
    ),
    unmetByReason: z.record(z.string(), z.number().int()).meta({
      description:
        'Unmet requests by reason code: a planner or matching reason, `no_answer`, or `waiting` (not booked yet)',
    }),
  })
  .meta({ id: 'CareWaysFigures' });
export type CareWaysFigures = z.infer<typeof CareWaysFigures>;
