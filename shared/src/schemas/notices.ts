import { z } from 'zod';
import { fieldCheck } from '../field-messages.ts';
import { NOTICE_ATTEMPT_OUTCOMES, NOTICE_KINDS, NOTICE_RECIPIENTS, NOTICE_STATUSES } from '../notices.ts';
import { MainlandMobile } from './patients.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ description: 'Local wall-clock time, 24-hour `HH:MM`', pattern: HHMM.source });

export const NoticeSettingsBody = z
  .strictObject({
    optedOut: z.boolean().optional().meta({ description: 'The household asked for no text messages' }),
    familyPhone: MainlandMobile.nullable()
      .optional()
      .meta({ description: 'A family member who also gets the notices' }),
    quietStart: clock.optional().meta({ description: 'No notices from (local time)' }),
    quietEnd: clock.optional().meta({ description: 'No notices until (local time)' }),
  })
  .meta({ id: 'NoticeSettingsBody' });
export type NoticeSettingsBody = z.infer<typeof NoticeSettingsBody>;

export const NoticeSettingsView = z
  .object({
    patientId: z.uuid(),
    optedOut: z.boolean(),
    familyPhone: z.string().nullable().meta({ description: 'Masked: 138****1234' }),
    quietStart: z.string(),
    quietEnd: z.string(),
  })
  .meta({ id: 'NoticeSettingsView' });
export type NoticeSettingsView = z.infer<typeof NoticeSettingsView>;

export const NoticeAttemptView = z.object({
  at: z.string(),
  outcome: z.enum(NOTICE_ATTEMPT_OUTCOMES),
  provider: z.string(),
  detail: z.string(),
});

export const NoticeView = z
  .object({
    id: z.uuid(),
    tripId: z.uuid().nullable().meta({ description: 'The round trip it is about (null: an online visit)' }),
    onlineVisitId: z
      .uuid()
      .nullable()
      .meta({ description: 'The online visit it is about: its time and join link (null: a trip)' }),
    patientId: z.uuid(),
    patient: z.string().meta({ description: 'Masked name' }),
    kind: z.enum(NOTICE_KINDS),
    recipient: z.enum(NOTICE_RECIPIENTS),
    phone: z.string().meta({ description: 'Masked: 138****1234' }),
    body: z.string().meta({
      description: "The words sent; an online visit's join link only for the compound's gatekeeper",
    }),
    status: z.enum(NOTICE_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    history: z.array(NoticeAttemptView),
  })
  .meta({ id: 'NoticeView' });
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeQuery = z
  .strictObject({
    compoundId: z.uuid().optional().meta({ description: 'Gatekeepers: one of their compounds' }),
    districtId: z.uuid().optional().meta({ description: 'Dispatchers: one of their districts' }),
    tripId: z.uuid().optional(),
    patientId: z
      .uuid()
      .optional()
      .meta({ description: "One household's notices (its compound's gatekeeper)" }),
    onlineVisitId: z.uuid().optional().meta({ description: "One online visit's notices" }),
    status: z.enum(NOTICE_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .meta({ id: 'NoticeQuery' });
export type NoticeQuery = z.infer<typeof NoticeQuery>;
