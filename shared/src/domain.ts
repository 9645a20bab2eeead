import { z } from 'zod';

/** Closed vocabularies of the domain (docs/product.md). One place, used by db enums, schemas and the web. */
export const ROLES = ['admin', 'dispatcher', 'gatekeeper', 'driver', 'hospital'] as const;
export type Role = (typeof ROLES)[number];

export const ZONE_LEVELS = ['precaution', 'controlled', 'sealed'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];
/** A compound's level: the strictest covering zone, or `none`. Ordered from least to most strict. */
export const COMPOUND_LEVELS = ['none', ...ZONE_LEVELS] as const;
export type CompoundLevel = (typeof COMPOUND_LEVELS)[number];

export const MOBILITIES = ['walk', 'wheelchair', 'stretcher'] as const;
export type Mobility = (typeof MOBILITIES)[number];

export const INFECTION_CLASSES = ['normal', 'close_contact', 'positive'] as const;
export type InfectionClass = (typeof INFECTION_CLASSES)[number];

export const NEED_KINDS = [
  'dialysis',
  'chemotherapy',
  'radiotherapy',
  'pregnancy',
  'newborn',
  'chronic',
  'emergency',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const SERVICES = ['dialysis', 'oncology', 'obstetrics', 'neonatal', 'emergency', 'general'] as const;
export type Service = (typeof SERVICES)[number];

/** Which hospital service treats each kind of need. */
export const SERVICE_FOR_NEED: Record<NeedKind, Service> = {
  dialysis: 'dialysis',
  chemotherapy: 'oncology',
  radiotherapy: 'oncology',
  pregnancy: 'obstetrics',
  newborn: 'neonatal',
  chronic: 'general',
  emergency: 'emergency',
};

export const VEHICLE_KINDS = ['ambulance_120', 'volunteer', 'requisitioned'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const VEHICLE_STATUSES = ['available', 'on_job', 'disinfecting', 'off'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const CROWDING_LEVELS = ['low', 'medium', 'high', 'full'] as const;
export type CrowdingLevel = (typeof CROWDING_LEVELS)[number];

export const HOSPITAL_STATUSES = ['open', 'diverting'] as const;
export type HospitalStatus = (typeof HOSPITAL_STATUSES)[number];

export const PATIENT_STATUSES = ['pending', 'active', 'rejected', 'archived'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

export const URGENCIES = ['emergency', 'scheduled'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const RETURN_MODES = ['fixed', 'will_call'] as const;
export type ReturnMode = (typeof RETURN_MODES)[number];

export const REQUEST_STATUSES = ['open', 'matched', 'planned', 'unserved', 'cancelled', 'done'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const LEG_DIRECTIONS = ['outbound', 'return'] as const;
export type LegDirection = (typeof LEG_DIRECTIONS)[number];

export const LEG_STATUSES = [
  'planned',
  'assigned',
  'accepted',
  'en_route',
  'at_pickup',
  'on_board',
  'arrived',
  'completed',
  'declined',
  'cancelled',
  'no_show',
  'refused_at_gate',
] as const;
export type LegStatus = (typeof LEG_STATUSES)[number];

/**
 * Statuses in which a leg holds its vehicle, driver and patient for its time range. The database's
 * exclusion constraints use the same list (db/migrations), so keep the two in step.
 */
export const BOOKED_LEG_STATUSES = [
  'assigned',
  'accepted',
  'en_route',
  'at_pickup',
  'on_board',
  'arrived',
] as const;

/**
 * How a need is served (docs/product.md "Three ways of care"): a round trip to the hospital, an online
 * visit (在线复诊) with the hospital's doctor, or medicines delivered to the compound gate (药品配送).
 * Which ways a need allows, and which one it takes by default, is the rule in care-ways.ts.
 */
export const WAYS_OF_SERVICE = ['trip', 'online_visit', 'delivery'] as const;
export type WayOfService = (typeof WAYS_OF_SERVICE)[number];

/** A hospital slot is for patients who come (`on_site`) or for online visits (`online`). */
export const SLOT_CHANNELS = ['on_site', 'online'] as const;
export type SlotChannel = (typeof SLOT_CHANNELS)[number];

/**
 * An online visit: booked into a slot, started by the hospital desk, then ended with an outcome —
 * done, no answer, the patient must come on site (a trip request is raised), or a prescription issued
 * (its medicines are delivered) — or cancelled before it starts.
 */
export const ONLINE_VISIT_STATUSES = [
  'booked',
  'in_progress',
  'done',
  'no_answer',
  'needs_on_site',
  'prescription_issued',
  'cancelled',
] as const;
export const ONLINE_VISIT_OUTCOMES = ['done', 'no_answer', 'needs_on_site', 'prescription_issued'] as const;
export type OnlineVisitOutcome = (typeof ONLINE_VISIT_OUTCOMES)[number];

export const INCIDENT_KINDS = ['refused_at_gate', 'breakdown', 'zone_change', 'no_show', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const uuid = z.uuid();
