import { z } from 'zod';
import { WayOfServiceSchema } from '../care-ways.ts';
import {
  INFECTION_CLASSES,
  MOBILITIES,
  NEED_KINDS,
  PATIENT_STATUSES,
  REQUEST_STATUSES,
  RETURN_MODES,
  SERVICES,
  URGENCIES,
} from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { isValidMainlandMobile, isValidNationalId } from '../identity.ts';
import { line, paragraph } from './text.ts';

// Registry schemas: patients, care needs, requests, import, self-registration.

const isoDate = z.iso.date();
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ pattern: HHMM.source });

export const NationalId = z
  .string()
  .trim()
  .refine(isValidNationalId, fieldCheck('national_id_invalid'))
  .transform((v) => v.toUpperCase())
  .meta({ description: 'Mainland resident ID number, 18 characters, GB 11643 check character verified' });

export const MainlandMobile = z
  .string()
  .trim()
  .refine(isValidMainlandMobile, fieldCheck('mobile_invalid'))
  .meta({ description: 'Mainland mobile number, 11 digits, no +86 or separators' });

const sessionMinutes = z
  .number()
  .int()
  .min(30)
  .max(600)
  .meta({ description: 'Length of one session in minutes' });

export const Visit = z
  .strictObject({
    date: isoDate.meta({ description: 'Visit date (YYYY-MM-DD, city time)' }),
    startTime: hhmm.meta({ description: 'Appointment time (HH:MM)' }),
    minutes: z
      .number()
      .int()
      .min(15)
      .max(600)
      .default(60)
      .meta({ description: 'Expected length of the visit' }),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof Visit>;

export const DialysisSchedule = z
  .strictObject({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, fieldCheck('weekdays_repeat'))
      .meta({ description: 'ISO weekdays of the sessions, 1 = Monday … 7 = Sunday' }),
    startTime: hhmm.meta({ description: 'Session start (HH:MM)' }),
    sessionMinutes: sessionMinutes.default(240),
  })
  .meta({ id: 'DialysisSchedule' });

export const CycleSchedule = z
  .strictObject({
    dates: z
      .array(isoDate)
      .min(1)
      .max(400)
      .meta({ description: 'Treatment dates of the cycle (YYYY-MM-DD)' }),
    startTime: hhmm.meta({ description: 'Session start (HH:MM)' }),
    sessionMinutes: sessionMinutes.default(120),
  })
  .meta({ id: 'CycleSchedule' });

export const PregnancySchedule = z
  .strictObject({
    dueDate: isoDate.meta({ description: 'Expected date of delivery (预产期)' }),
    visits: z.array(Visit).max(60).default([]).meta({ description: 'Prenatal visits' }),
  })
  .meta({ id: 'PregnancySchedule' });

export const NewbornSchedule = z
  .strictObject({
    birthDate: isoDate.meta({
      description: "The baby's birth date; must match the birth date in the baby's ID number",
    }),
    visits: z.array(Visit).max(60).default([]).meta({ description: 'Newborn check-ups' }),
  })
  .meta({ id: 'NewbornSchedule' });

export const ChronicSchedule = z
  .strictObject({
    medicineDelivery: z
      .boolean()
      .default(false)
      .meta({ description: 'Served by delivering medicine home instead of a trip: produces no trips' }),
    visits: z.array(Visit).max(60).default([]).meta({ description: 'Clinic visits' }),
  })
  .meta({ id: 'ChronicSchedule' });

const needCommon = {
  hospitalId: z
    .uuid()
    .nullish()
    .meta({ description: "Hospital treating this need; defaults to the patient's regular hospital" }),
  notes: paragraph().max(500).default('').meta({ description: 'Free notes for dispatch' }),
  serveBy: WayOfServiceSchema.nullish().meta({
    description:
      "How this need's requests are served; null: the default for the kind (chronic: online visit; dialysis, chemotherapy: trip). Checked against the kind",
  }),
};

/** A care need and its schedule; what the schedule holds depends on `kind`. */
export const CareNeedInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('dialysis'), schedule: DialysisSchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('chemotherapy'), schedule: CycleSchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('radiotherapy'), schedule: CycleSchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('pregnancy'), schedule: PregnancySchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('newborn'), schedule: NewbornSchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('chronic'), schedule: ChronicSchedule, ...needCommon }),
    z.strictObject({ kind: z.literal('emergency'), schedule: z.strictObject({}).default({}), ...needCommon }),
  ])
  .meta({ id: 'CareNeedInput' });
export type CareNeedInput = z.infer<typeof CareNeedInput>;

export const CareNeedView = z
  .object({
    id: z.uuid(),
    kind: z.enum(NEED_KINDS),
    schedule: z
      .record(z.string(), z.unknown())
      .meta({ description: 'Schedule, shaped by `kind` (see CareNeedInput)' }),
    hospitalId: z.uuid().nullable(),
    serveBy: WayOfServiceSchema.nullable().meta({
      description: "Chosen way of service; null: the kind's default",
    }),
    active: z.boolean(),
    notes: z.string(),
  })
  .meta({ id: 'CareNeedView' });
export type CareNeedView = z.infer<typeof CareNeedView>;

export const ConsentInput = z
  .strictObject({
    givenBy: line().min(1).max(50).meta({ description: 'Name of the person who agreed' }),
    relation: line().min(1).max(20).meta({
      description: 'Their relation to the patient: `self`, `spouse`, `child`, `parent`, `guardian` …',
    }),
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When consent was given; defaults to now' }),
    purposes: z
      .array(line().min(1).max(50))
      .min(1)
      .max(10)
      .meta({ description: 'What the data may be used for, e.g. `transport`, `hospital_handover`' }),
  })
  .meta({ id: 'ConsentInput' });
export type ConsentInput = z.infer<typeof ConsentInput>;

export const ConsentView = z
  .object({
    givenBy: z
      .string()
      .meta({ description: 'Masked like the patient name unless the caller sees full names' }),
    relation: z.string(),
    at: z.string(),
    purposes: z.array(z.string()),
    source: z
      .string()
      .nullable()
      .meta({ description: 'Where consent was captured, e.g. `import:名单.xlsx`' }),
  })
  .meta({ id: 'ConsentView' });

const address = {
  gateId: z
    .uuid()
    .nullish()
    .meta({ description: "The compound gate the patient leaves by; defaults to the compound's first gate" }),
  building: line().max(20).default('').meta({ description: '楼栋 / building' }),
  unit: line().max(20).default('').meta({ description: '单元 / unit' }),
  room: line().max(20).default('').meta({ description: '房号 / room' }),
};

const care = {
  mobility: z
    .enum(MOBILITIES)
    .default('walk')
    .meta({ description: 'How the patient moves: walk, wheelchair, stretcher' }),
  companions: z
    .number()
    .int()
    .min(0)
    .max(4)
    .default(0)
    .meta({ description: 'Companions riding along (0–4)' }),
  infectionClass: z
    .enum(INFECTION_CLASSES)
    .default('normal')
    .meta({ description: 'Never blocks treatment; constrains vehicle and hospital' }),
  regularHospitalId: z.uuid().nullish().meta({ description: 'Hospital of continuing care, tried first' }),
};

const identity = {
  name: line().min(1).max(50).meta({ description: 'Full name' }),
  nationalId: NationalId,
  phone: MainlandMobile,
};

export const RegisterPatientBody = z
  .strictObject({
    ...identity,
    ...address,
    ...care,
    notes: paragraph().max(500).default('').meta({ description: 'Free notes' }),
    consent: ConsentInput.optional().meta({ description: 'Required as soon as any care need is given' }),
    needs: z.array(CareNeedInput).max(10).default([]).meta({ description: 'Care needs; require `consent`' }),
  })
  .meta({ id: 'RegisterPatientBody' });
export type RegisterPatientBody = z.infer<typeof RegisterPatientBody>;

export const UpdatePatientBody = z
  .strictObject({
    name: identity.name.optional(),
    nationalId: NationalId.optional(),
    phone: MainlandMobile.optional(),
    gateId: address.gateId,
    building: line().max(20).optional(),
    unit: line().max(20).optional(),
    room: line().max(20).optional(),
    mobility: z.enum(MOBILITIES).optional(),
    companions: z.number().int().min(0).max(4).optional(),
    infectionClass: z.enum(INFECTION_CLASSES).optional(),
    regularHospitalId: care.regularHospitalId,
    notes: paragraph().max(500).optional(),
    consent: ConsentInput.optional().meta({ description: 'Records (or replaces) the consent' }),
  })
  .meta({ id: 'UpdatePatientBody' });
export type UpdatePatientBody = z.infer<typeof UpdatePatientBody>;

export const PatientView = z
  .object({
    id: z.uuid(),
    compoundId: z.uuid(),
    gateId: z.uuid().nullable(),
    name: z.string().meta({ description: 'Full for the compound gatekeeper, otherwise masked (张*明)' }),
    nationalId: z
      .string()
      .meta({ description: 'Masked: first 4 and last 4 characters, never the birth date' }),
    phone: z.string().meta({ description: 'Masked: 138****1234' }),
    building: z.string(),
    unit: z.string(),
    room: z.string(),
    mobility: z.enum(MOBILITIES),
    companions: z.number().int(),
    infectionClass: z.enum(INFECTION_CLASSES),
    regularHospitalId: z.uuid().nullable(),
    consent: ConsentView.nullable(),
    status: z.enum(PATIENT_STATUSES),
    source: z.string().meta({ description: '`gatekeeper`, `import` or `self`' }),
    rejectionReason: z.string().nullable(),
    notes: z.string(),
    needs: z.array(CareNeedView),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PatientView' });
export type PatientView = z.infer<typeof PatientView>;

export const PatientList = z
  .object({ items: z.array(PatientView), total: z.number().int() })
  .meta({ id: 'PatientList' });
export type PatientList = z.infer<typeof PatientList>;

export const PatientListQuery = z
  .strictObject({
    kind: z
      .enum(NEED_KINDS)
      .optional()
      .meta({ description: 'Only patients with an active need of this kind' }),
    status: z
      .enum(PATIENT_STATUSES)
      .optional()
      .meta({ description: 'Only this status (`pending` lists self-registrations to verify)' }),
    q: line().min(1).max(50).optional().meta({ description: 'Search by (part of) the name' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .meta({ id: 'PatientListQuery' });
export type PatientListQuery = z.infer<typeof PatientListQuery>;

export const RevealedIdentity = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nationalId: z.string(),
    phone: z.string(),
  })
  .meta({ id: 'RevealedIdentity' });
export type RevealedIdentity = z.infer<typeof RevealedIdentity>;

export const RevealBody = z
  .strictObject({
    reason: paragraph()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'Why the full identity is needed (kept in the audit trail)' }),
  })
  .meta({ id: 'RevealBody' });

export const RejectBody = z
  .strictObject({
    reason: paragraph().min(1).max(200).meta({ description: 'Why the registration is turned down' }),
  })
  .meta({ id: 'RejectBody' });

export const UpdateCareNeedBody = z
  .strictObject({
    schedule: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'New schedule, validated against the need kind' }),
    hospitalId: z.uuid().nullish(),
    notes: paragraph().max(500).optional(),
    serveBy: WayOfServiceSchema.nullish().meta({
      description: "How this need's requests are served; null returns to the kind's default",
    }),
  })
  .meta({ id: 'UpdateCareNeedBody' });
export type UpdateCareNeedBody = z.infer<typeof UpdateCareNeedBody>;

// ---------------------------------------------------------------- requests

export const RequestView = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string().meta({ description: 'Masked like PatientView.name' }),
    compoundId: z.uuid(),
    needId: z.uuid().nullable(),
    service: z.enum(SERVICES),
    date: isoDate,
    urgency: z.enum(URGENCIES),
    windowStart: z.iso.datetime().meta({ description: 'Arrive at the hospital no earlier than this' }),
    windowEnd: z.iso.datetime().meta({ description: 'Arrive at the hospital no later than this' }),
    returnMode: z.enum(RETURN_MODES),
    treatmentMinutes: z.number().int().nullable(),
    hospitalId: z.uuid().nullable(),
    status: z.enum(REQUEST_STATUSES),
    serveBy: WayOfServiceSchema,
    allowedWays: z
      .array(WayOfServiceSchema)
      .meta({ description: 'The ways this request may be served by (shared/src/care-ways.ts)' }),
    matchReason: z
      .object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })
      .nullable()
      .meta({ description: 'Why this hospital, or why the request is unserved' }),
    source: z.string().meta({
      description: '`schedule`, `one_off`, `emergency` or `online_visit` (raised by an online visit)',
    }),
  })
  .meta({ id: 'RequestView' });
export type RequestView = z.infer<typeof RequestView>;

export const GenerateRequestsBody = z
  .strictObject({
    date: isoDate.meta({ description: 'The day to generate (city time)' }),
    districtId: z
      .uuid()
      .optional()
      .meta({ description: 'Every compound of this district (dispatcher, admin)' }),
    compoundId: z.uuid().optional().meta({ description: 'Only this compound' }),
  })
  .refine((b) => Boolean(b.districtId) !== Boolean(b.compoundId), {
    ...fieldCheck('exactly_one_of', { a: 'districtId', b: 'compoundId' }),
    path: ['districtId'],
  })
  .meta({ id: 'GenerateRequestsBody' });
export type GenerateRequestsBody = z.infer<typeof GenerateRequestsBody>;

export const GenerateRequestsResult = z
  .object({
    date: isoDate,
    created: z.number().int().meta({ description: 'Requests created by this run' }),
    total: z.number().int().meta({ description: 'Scheduled requests that exist for the day in this scope' }),
  })
  .meta({ id: 'GenerateRequestsResult' });
export type GenerateRequestsResult = z.infer<typeof GenerateRequestsResult>;

export const CreateRequestBody = z
  .strictObject({
    urgency: z
      .enum(URGENCIES)
      .meta({ description: '`emergency` goes by 120 ambulance; `scheduled` by volunteer cars' }),
    service: z.enum(SERVICES).meta({ description: 'Hospital service needed' }),
    needId: z.uuid().optional().meta({ description: 'The care need this serves, if any' }),
    windowStart: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Earliest arrival; emergency: defaults to now' }),
    windowEnd: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Latest arrival; emergency: defaults to start + 60 min' }),
    returnMode: z
      .enum(RETURN_MODES)
      .optional()
      .meta({ description: 'Defaults to `will_call` for emergency and obstetrics, else `fixed`' }),
    treatmentMinutes: z
      .number()
      .int()
      .min(10)
      .max(1440)
      .optional()
      .meta({ description: 'Required for a `fixed` return' }),
    hospitalId: z.uuid().optional(),
    serveBy: WayOfServiceSchema.optional().meta({
      description:
        "How it is served; default: the need's way (or its kind's default), `trip` without a need. Checked against the need",
    }),
  })
  .meta({ id: 'CreateRequestBody' });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const RequestListQuery = z
  .strictObject({
    date: isoDate.meta({ description: 'The day' }),
    compoundId: z.uuid().optional(),
    districtId: z.uuid().optional(),
  })
  .meta({ id: 'RequestListQuery' });
export type RequestListQuery = z.infer<typeof RequestListQuery>;

// ---------------------------------------------------------------- spreadsheet import

/** Fields a spreadsheet column can be mapped to. */
export const IMPORT_FIELDS = [
  'name',
  'nationalId',
  'phone',
  'building',
  'unit',
  'room',
  'gate',
  'needKind',
  'dialysisDays',
  'startTime',
  'sessionMinutes',
  'mobility',
  'companions',
  'infectionClass',
  'regularHospital',
  'dueDate',
  'treatmentDates',
  'birthDate',
  'medicineDelivery',
  'wayOfService',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const ImportMapping = z
  .record(z.string(), z.enum(IMPORT_FIELDS).nullable())
  .meta({ id: 'ImportMapping', description: 'Column header → field (null ignores the column)' });
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportQuery = z
  .strictObject({
    mode: z
      .enum(['dry_run', 'commit'])
      .default('dry_run')
      .meta({ description: '`dry_run` checks only; `commit` writes all rows or none' }),
  })
  .meta({ id: 'ImportQuery' });

/** The multipart form; `file` is read by the upload middleware, `mapping` is a JSON string. */
export const ImportForm = z
  .object({
    file: z.string().optional().meta({ description: 'The .xlsx or .csv file (≤ 5 MB)', format: 'binary' }),
    mapping: z
      .string()
      .optional()
      .meta({ description: 'JSON ImportMapping overriding the automatic header mapping' }),
  })
  .meta({ id: 'ImportForm' });

export const ImportRowError = z
  .object({
    row: z.number().int().meta({ description: 'Row number as the spreadsheet shows it (header = 1)' }),
    field: z.string().meta({ description: 'Field (or column) at fault' }),
    message: z.string().meta({ description: "In the caller's language" }),
  })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportPreviewRow = z
  .object({
    row: z.number().int(),
    name: z.string(),
    nationalId: z.string().meta({ description: 'Masked' }),
    phone: z.string().meta({ description: 'Masked' }),
    address: z.string(),
    needKind: z.enum(NEED_KINDS).nullable(),
    mobility: z.enum(MOBILITIES),
    infectionClass: z.enum(INFECTION_CLASSES),
  })
  .meta({ id: 'ImportPreviewRow' });

export const ImportResult = z
  .object({
    mode: z.enum(['dry_run', 'commit']),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    encoding: z.string().meta({ description: '`utf-8`, `utf-8-bom`, `gb18030` (CSV) or `xlsx`' }),
    headers: z.array(z.string()),
    mapping: ImportMapping,
    rowCount: z.number().int(),
    validCount: z.number().int(),
    errors: z.array(ImportRowError),
    preview: z.array(ImportPreviewRow).meta({ description: 'The first 20 rows as they would be stored' }),
    imported: z.number().int().meta({ description: 'Patients written (commit only)' }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

// ---------------------------------------------------------------- self-registration

export const SelfRegistrationInfo = z
  .object({ compoundName: z.string() })
  .meta({ id: 'SelfRegistrationInfo' });

export const SelfRegistrationLink = z
  .object({
    path: z.string().meta({ description: 'Path of the public form, `/register/<token>`' }),
    url: z.string().meta({ description: 'Absolute link as seen from this request' }),
  })
  .meta({ id: 'SelfRegistrationLink' });

export const SelfRegistrationBody = z
  .strictObject({
    ...identity,
    building: address.building,
    unit: address.unit,
    room: address.room,
    ...care,
    regularHospitalId: z.uuid().nullish().meta({ description: 'Hospital of continuing care, if known' }),
    need: CareNeedInput.meta({ description: 'What care is needed' }),
    consent: ConsentInput.meta({
      description: 'Required: who agrees that the data is used for transport to care',
    }),
  })
  .meta({ id: 'SelfRegistrationBody' });
export type SelfRegistrationBody = z.infer<typeof SelfRegistrationBody>;

export const SelfRegistrationReceipt = z
  .object({ status: z.literal('pending'), message: z.string() })
  .meta({ id: 'SelfRegistrationReceipt' });
