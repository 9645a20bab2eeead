import type { CrowdingLevel } from '../domain.ts';

/**
 * The public's words for a hospital's emergency-department crowding (拥挤等级): the four colour
 * levels cities publish daily, keyed by the level hospitals already set (`CROWDING_LEVELS`).
 */
export const CROWDING_COLORS = {
  low: { color: 'green', hex: '#2e7d32', zh: '绿色（畅通）', en: 'Green (flowing)' },
  medium: { color: 'yellow', hex: '#f9a825', zh: '黄色（较忙）', en: 'Yellow (busy)' },
  high: { color: 'orange', hex: '#ef6c00', zh: '橙色（拥挤）', en: 'Orange (crowded)' },
  full: { color: 'red', hex: '#c62828', zh: '红色（饱和）', en: 'Red (saturated)' },
} as const satisfies Record<CrowdingLevel, { color: string; hex: string; zh: string; en: string }>;
export const CROWDING_COLOR_NAMES = ['green', 'yellow', 'orange', 'red'] as const;

/** Where a refused patient's family or driver complains (seed 002): the health hotline. */
export const HEALTH_HOTLINE = '12320';

export const COMPLAINT_KINDS = ['refused_at_gate', 'delayed_treatment', 'vehicle_late', 'other'] as const;

/** Who the complaint came from: a driver's refusal report, or a person phoning staff. */
export const COMPLAINT_SOURCES = ['driver', 'family', 'gatekeeper', 'dispatcher', 'hotline'] as const;

export const COMPLAINT_STATUSES = ['open', 'resolved'] as const;

/** The messages a patient's household receives about a round trip, or an online visit (its time and join link). */
export const NOTICE_KINDS = [
  'evening_before',
  'vehicle_departed',
  'vehicle_at_gate',
  'return_booked',
  'trip_changed',
  'trip_cancelled',
  'visit_booked',
  'visit_changed',
  'visit_cancelled',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * A notice's life: `queued` (waiting, also between retries after a `failed` attempt), `sent`,
 * `given_up` (retries exhausted or the provider refused it for good), `skipped` (opted out).
 */
export const NOTICE_STATUSES = ['queued', 'failed', 'sent', 'given_up', 'skipped'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_ATTEMPT_OUTCOMES = ['sent', 'failed', 'rate_limited', 'rejected'] as const;

export const NOTICE_RECIPIENTS = ['patient', 'family'] as const;
export type NoticeRecipient = (typeof NOTICE_RECIPIENTS)[number];
