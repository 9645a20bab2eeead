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
