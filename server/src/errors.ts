import { PG, pgErrorOf } from '@lastmeter/db';
import {
  ERROR_MESSAGES,
  ERROR_STATUS,
  type ErrorCode,
  type FieldIssue,
  type FieldMessageCode,
  type FieldMessageParams,
  fieldMessage,
  formatScheduleViolation,
  formatStepTimeRefusal,
  isFieldMessageCode,
  isSoftScheduleRule,
  type Locale,
  type Problem,
  type ScheduleViolation,
  type StepTimeRefusal,
} from '@lastmeter/shared';

/** The one error type of the server (CODE_STYLE.md 8); create it through the factories below. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly extra: Record<string, unknown>;
  /** A detail that names the rule in the request's language (set by the factories that have one). */
  localizedDetail: ((locale: Locale) => string) | undefined;

  constructor(code: ErrorCode, detail?: string, issues?: FieldIssue[], extra: Record<string, unknown> = {}) {
    super(detail ?? code);
    this.code = code;
    this.issues = issues;
    this.extra = extra;
    this.localizedDetail = undefined;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const errors = {
  validation: (issues: FieldIssue[], detail?: string) => new AppError('validation_failed', detail, issues),
  field: (path: string, message: string) => new AppError('validation_failed', undefined, [{ path, message }]),
  /** A field issue of our own with a stable code: its text follows the request language (`FIELD_MESSAGES`). */
  fieldCode: (path: string, code: FieldMessageCode, params?: FieldMessageParams) =>
    new AppError('validation_failed', undefined, [codedIssue(path, code, params)]),
  malformedJson: () => new AppError('malformed_json'),
  payloadTooLarge: (limit: string) => new AppError('payload_too_large', `The body exceeds ${limit}`),
  unsupportedMediaType: (expected: string) =>
    new AppError('unsupported_media_type', `Send the body as ${expected}`),
  unauthenticated: () => new AppError('unauthenticated'),
  invalidCredentials: () => new AppError('invalid_credentials'),
  sessionExpired: () => new AppError('session_expired'),
  passwordChangeRequired: () => new AppError('password_change_required'),
  forbidden: (detail?: string) => new AppError('forbidden', detail),
  notFound: (entity: string) => new AppError('not_found', `${entity} not found`, undefined, { entity }),
  conflict: (detail: string, extra: Record<string, unknown> = {}) =>
    new AppError('conflict', detail, undefined, extra),
  /** `existingPatientId` only when the caller may see that patient: a 409 must not reveal a record out of scope. */
  duplicatePatient: (existingPatientId?: string, path = 'body.nationalId') =>
    new AppError(
      'duplicate_patient',
      undefined,
      [codedIssue(path, 'already_registered')],
      existingPatientId ? { existingPatientId } : {},
    ),
  bookingConflict: (detail: string, clash: Record<string, unknown>) =>
    new AppError('booking_conflict', detail, undefined, { clash }),
  invalidTransition: (from: string, to: string, allowed: readonly string[]) =>
    new AppError('invalid_transition', `Cannot go from ${from} to ${to}`, undefined, { from, to, allowed }),
  /** The day's legs or vehicles changed between the planner's snapshot and its commit: nothing written. */
  planOutdated: (changed: { legIds: string[]; vehicleIds: string[] }) =>
    new AppError('plan_outdated', 'The day changed while it was being planned', undefined, { changed }),
  /** A change to a vehicle's schedule breaks a rule (the schedule gate): nothing written. */
  scheduleRule: (violation: ScheduleViolation) => {
    const error = new AppError('schedule_rule', formatScheduleViolation(violation, 'en'), undefined, {
      rule: violation.rule,
      soft: isSoftScheduleRule(violation.rule),
      vehicleId: violation.vehicleId,
      legIds: violation.legIds,
      params: violation.params,
    });
    error.localizedDetail = (locale) => formatScheduleViolation(violation, locale);
    return error;
  },
  /** A lifecycle step the clock does not allow yet (or any more): when it opens, if it will. */
  stepNotOpen: (refusal: StepTimeRefusal) => {
    const error = new AppError('step_not_open', formatStepTimeRefusal(refusal, 'en'), undefined, {
      rule: refusal.rule,
      ...(refusal.opensAt ? { opensAt: refusal.opensAt } : {}),
    });
    error.localizedDetail = (locale) => formatStepTimeRefusal(refusal, locale);
    return error;
  },
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('too_many_requests', undefined, undefined, { retryAfterSeconds }),
  /** This node is draining (a restart) or holds its most sockets: come back later, or to another node. */
  unavailable: (retryAfterSeconds: number, detail?: string) =>
    new AppError('unavailable', detail, undefined, { retryAfterSeconds }),
  internal: () => new AppError('internal'),
};

/**
 * Turns anything thrown into an AppError. Database constraint violations become 4xx: they are how
 * the database tells us the input clashed with what is stored, never a server fault.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const pg = pgErrorOf(error);
  if (pg) {
    switch (pg.code) {
      case PG.exclusionViolation:
        return errors.bookingConflict('Overlapping booking', { constraint: pg.constraint });
      case PG.uniqueViolation:
        return errors.conflict('Already exists', { constraint: pg.constraint });
      case PG.foreignKeyViolation:
        return errors.validation([
          { path: pg.column ?? pg.constraint ?? '', message: 'refers to a record that does not exist' },
        ]);
      case PG.notNullViolation:
        return errors.validation([{ path: pg.column ?? '', message: 'is required' }]);
      case PG.checkViolation:
        return errors.validation([{ path: pg.constraint ?? '', message: 'violates a rule of the record' }]);
      // A write that lost a race to a concurrent one: nothing was written, and sending it again is safe.
      case PG.serializationFailure:
      case PG.deadlockDetected:
        return errors.conflict('Changed concurrently; try again', { retry: true });
      case PG.invalidTextRepresentation:
        return errors.validation([{ path: '', message: 'has an invalid format' }]);
      default:
        break;
    }
  }
  return errors.internal();
}

/** A field issue with one of our message codes; `toProblem` writes its text in the request language. */
export function codedIssue(path: string, code: FieldMessageCode, params?: FieldMessageParams): FieldIssue {
  return { path, message: fieldMessage(code, 'en', params), code, ...(params ? { params } : {}) };
}

/** The issue's text in `locale` when it carries one of our message codes; others pass unchanged. */
export function localizeIssue(issue: FieldIssue, locale: Locale): FieldIssue {
  if (!isFieldMessageCode(issue.code)) return issue;
  return { ...issue, message: fieldMessage(issue.code, locale, issue.params) };
}

export function toProblem(error: AppError, locale: Locale, instance?: string): Problem {
  return {
    type: `https://lastmeter.dev/problems/${error.code}`,
    title: ERROR_MESSAGES[error.code][locale],
    status: error.status,
    code: error.code,
    ...(error.localizedDetail
      ? { detail: error.localizedDetail(locale) }
      : error.message && error.message !== error.code
        ? { detail: error.message }
        : {}),
    ...(error.issues ? { issues: error.issues.map((issue) => localizeIssue(issue, locale)) } : {}),
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
}
