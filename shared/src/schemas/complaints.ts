import { z } from 'zod';
import { COMPLAINT_KINDS, COMPLAINT_SOURCES, COMPLAINT_STATUSES } from '../complaints.ts';
import { paragraph } from './text.ts';

const isoDate = z.iso.date().meta({ description: 'Calendar date `YYYY-MM-DD` (local to the city)' });

export const CreateComplaintBody = z
  .strictObject({
    hospitalId: z.uuid().meta({ description: 'The hospital complained about' }),
    kind: z.enum(COMPLAINT_KINDS),
    source: z.enum(COMPLAINT_SOURCES).meta({ description: 'Who raised it' }),
    tripId: z.uuid().optional().meta({ description: 'The round trip it concerns, if any' }),
    occurredAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'Default: now' }),
    description: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .meta({ description: 'What happened (no national ID or phone)' }),
  })
  .meta({ id: 'CreateComplaintBody' });
export type CreateComplaintBody = z.infer<typeof CreateComplaintBody>;

export const ResolveComplaintBody = z
  .strictObject({ outcome: paragraph().min(1).max(1000).meta({ description: 'What was done' }) })
  .meta({ id: 'ResolveComplaintBody' });
export type ResolveComplaintBody = z.infer<typeof ResolveComplaintBody>;

export const ComplaintView = z
  .object({
    id: z.uuid(),
    hospitalId: z.uuid(),
    hospitalName: z.string(),
    districtId: z.uuid().nullable(),
    kind: z.enum(COMPLAINT_KINDS),
    source: z.enum(COMPLAINT_SOURCES),
    incidentId: z.uuid().nullable(),
    tripId: z.uuid().nullable(),
    reason: z.string().nullable().meta({ description: 'For a refusal: the reason the gate gave' }),
    forbiddenGround: z
      .boolean()
      .meta({ description: 'The reason is one no hospital may use (test result, health code, symptom)' }),
    description: z.string(),
    occurredAt: z.string(),
    day: z.string().meta({ description: 'Local day of `occurredAt`' }),
    status: z.enum(COMPLAINT_STATUSES),
    outcome: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'ComplaintView' });
export type ComplaintView = z.infer<typeof ComplaintView>;

export const ComplaintQuery = z
  .strictObject({
    from: isoDate.optional().meta({ description: 'First local day (default: 30 days ago)' }),
    to: isoDate.optional().meta({ description: 'Last local day (default: today)' }),
    districtId: z
      .uuid()
      .optional()
      .meta({ description: 'Only this district (dispatchers: default all of theirs)' }),
    hospitalId: z.uuid().optional(),
  })
  .meta({ id: 'ComplaintQuery' });
export type ComplaintQuery = z.infer<typeof ComplaintQuery>;

export const ComplaintReportRow = z
  .object({
    hospitalId: z.uuid(),
    hospitalName: z.string(),
    day: z.string(),
    total: z.number().int(),
    refusals: z.number().int(),
    forbiddenGrounds: z.number().int(),
    open: z.number().int(),
  })
  .meta({ id: 'ComplaintReportRow' });

export const ComplaintReport = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(ComplaintReportRow).meta({ description: 'Per hospital and local day, hospitals by name' }),
    complaints: z.array(ComplaintView),
  })
  .meta({ id: 'ComplaintReport' });
export type ComplaintReport = z.infer<typeof ComplaintReport>;

export const ComplaintPathParams = z.strictObject({ complaintId: z.uuid() });
