import { z } from 'zod';
import { CROWDING_LEVELS, HOSPITAL_STATUSES } from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import {
  COMPLAINT_KINDS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  CROWDING_COLOR_NAMES,
  NOTICE_ATTEMPT_OUTCOMES,
  NOTICE_KINDS,
  NOTICE_RECIPIENTS,
  NOTICE_STATUSES,
} from '../people/vocabulary.ts';
import { MainlandMobile } from './patients.ts';
import { paragraph } from './text.ts';

const isoDate = z.iso.date().meta({ description: 'Calendar date `YYYY-MM-DD` (local to the city)' });
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ description: 'Local wall-clock time, 24-hour `HH:MM`', pattern: HHMM.source });

// ---------------------------------------------------------------- emergency-crowding board (public)

export const CrowdingBoardEntry = z
  .object({
    hospitalId: z.uuid(),
    name: z.string(),
    address: z.string(),
    phone: z.string().meta({ description: "The hospital's public switchboard" }),
    lng: z.number(),
    lat: z.number(),
    crowding: z
      .enum(CROWDING_LEVELS)
      .meta({ description: 'Emergency-department crowding, as the hospital set it' }),
    color: z
      .enum(CROWDING_COLOR_NAMES)
      .meta({ description: 'The published colour level: 绿 green, 黄 yellow, 橙 orange, 红 red' }),
    status: z.enum(HOSPITAL_STATUSES).meta({ description: '`diverting`: ambulances are sent elsewhere' }),
    acceptsPositive: z
      .boolean()
      .meta({ description: 'Designated hospital: receives COVID-positive patients' }),
    emergency: z.boolean().meta({ description: 'Has an emergency service with capacity' }),
    updatedAt: z
      .string()
      .nullable()
      .meta({ description: 'When the hospital last published its level (ISO 8601)' }),
  })
  .meta({ id: 'CrowdingBoardEntry' });
export type CrowdingBoardEntry = z.infer<typeof CrowdingBoardEntry>;

export const CrowdingBoard = z
  .object({
    updatedAt: z.string().nullable().meta({ description: 'The latest change of any hospital on the board' }),
    hotline: z.string().meta({ description: 'Where to complain when treatment is refused (12320)' }),
    hospitals: z.array(CrowdingBoardEntry),
  })
  .meta({ id: 'CrowdingBoard' });
export type CrowdingBoard = z.infer<typeof CrowdingBoard>;

export const CrowdingGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.uuid(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: CrowdingBoardEntry.omit({ lng: true, lat: true }),
      }),
    ),
  })
  .meta({ id: 'CrowdingGeoJson', description: 'RFC 7946 FeatureCollection of hospital points' });

// ---------------------------------------------------------------- complaints

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

// ---------------------------------------------------------------- tracking link

export const TripPathParams = z.strictObject({
  tripId: z.uuid().meta({ description: "The round trip's id" }),
});
export const TrackingTokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .meta({ description: 'The tracking token from the link (43 base64url characters)' }),
});

export const TrackingLinkView = z
  .object({
    tripId: z.uuid(),
    url: z.string().meta({ description: 'The link to give the family' }),
    qrUrl: z.string().meta({ description: 'PNG QR code of the link (same session)' }),
    views: z.number().int(),
    lastViewedAt: z.string().nullable(),
    expired: z.boolean().meta({ description: 'The round trip has ended: the link shows nothing any more' }),
  })
  .meta({ id: 'TrackingLinkView' });
export type TrackingLinkView = z.infer<typeof TrackingLinkView>;

const TrackStop = z.object({ name: z.string(), lng: z.number(), lat: z.number() });
const TrackLeg = z.object({
  status: z.string().meta({ description: 'The leg status (`LEG_STATUSES`)' }),
  plannedPickupAt: z.string().nullable(),
  plannedDropoffAt: z.string().nullable(),
  etaAt: z.string().nullable().meta({ description: 'Estimated arrival at the next stop while on the way' }),
  vehicle: z
    .object({
      plate: z.string(),
      lng: z.number().nullable().meta({ description: 'Live position, only while this leg is under way' }),
      lat: z.number().nullable(),
      seenAt: z.string().nullable(),
    })
    .nullable(),
});

export const TrackView = z
  .object({
    patient: z.string().meta({ description: 'Masked name, e.g. 张*' }),
    date: z.string(),
    gate: TrackStop,
    hospital: TrackStop,
    outbound: TrackLeg,
    return: TrackLeg.nullable(),
    phase: z
      .enum(['waiting', 'coming', 'at_gate', 'to_hospital', 'at_hospital', 'returning', 'home', 'cancelled'])
      .meta({ description: 'Where the round trip stands, in words the family understands' }),
    hotline: z.string(),
  })
  .meta({ id: 'TrackView' });
export type TrackView = z.infer<typeof TrackView>;

// ---------------------------------------------------------------- notices

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
