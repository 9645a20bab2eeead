import { ERROR_CODES, type ErrorCode, type FieldIssue, type Locale } from '@lastmeter/shared';
import { z } from 'zod';

const API_BASE = '/api/v1';

// The server writes validation messages in this language for requests without a signed-in account.
let acceptLanguage: Locale = 'zh-CN';

/** Called by the i18n provider whenever the user's language changes. */
export function setApiLocale(locale: Locale): void {
  acceptLanguage = locale;
}

/** A response the server answered with problem details (or an error status we can classify). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly issues: readonly FieldIssue[];
  /** From `Retry-After`, so throttled screens can say when to try again. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * The problem's members beyond the standard ones, as the server sent them: `clash` for
   * `booking_conflict`, `reason` for an unmatched request, `allowed` for `invalid_transition`,
   * `existingPatientId` for `duplicate_patient` … Validate before use (they are unknown here).
   */
  readonly extra: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: ErrorCode;
    title: string;
    detail?: string | undefined;
    issues?: readonly FieldIssue[] | undefined;
    retryAfterSeconds?: number | undefined;
    extra?: Record<string, unknown> | undefined;
  }) {
    super(init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.issues = init.issues ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extra = init.extra ?? {};
  }
}

/** The server could not be reached at all (offline, server down, proxy failing). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

// Loose on purpose: an error body that misses a field must still surface as an ApiError, not a crash.
const ProblemBody = z.looseObject({
  title: z.string().optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  issues: z
    .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
    .optional(),
});

/** RFC 9457 members and ours that ApiError already carries; everything else is `extra`. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'issues', 'instance']);

function extraMembers(problem: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!problem) return {};
  return Object.fromEntries(Object.entries(problem).filter(([key]) => !STANDARD_MEMBERS.has(key)));
}

function isErrorCode(value: string | undefined): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value ?? '');
}

/** For answers without a usable code (a proxy page, a bare status), the closest code by status. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    default:
      return 'internal';
  }
}

// A gateway status without problem JSON comes from the dev proxy or a load balancer: our server is down.
const GATEWAY_STATUSES = new Set([502, 503, 504]);

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The ApiError (or NetworkError) for a failed response; also for requests `api` cannot send, e.g. multipart. */
export async function toError(response: Response): Promise<ApiError | NetworkError> {
  const isProblem = /json/.test(response.headers.get('content-type') ?? '');
  const body = isProblem ? ProblemBody.safeParse(await response.json().catch(() => null)) : null;
  const problem = body?.success ? body.data : undefined;
  if (!problem && GATEWAY_STATUSES.has(response.status)) {
    return new NetworkError(new Error(`HTTP ${response.status}`));
  }
  return new ApiError({
    status: response.status,
    code: isErrorCode(problem?.code) ? problem.code : codeForStatus(response.status),
    title: problem?.title ?? response.statusText,
    detail: problem?.detail,
    issues: problem?.issues,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    extra: extraMembers(problem),
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to the API; resolves only for 2xx answers, otherwise throws ApiError or NetworkError. */
async function send(method: Method, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': acceptLanguage,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    // A cancelled query is not an outage; react-query expects to see the abort itself.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw await toError(response);
  return response;
}

/**
 * The typed verbs pages use. Answers are validated with the shared schema, so a contract drift between
 * server and web shows up here as an error instead of as `undefined` deep inside a page.
 */
export const api = {
  async get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return schema.parse(await (await send('GET', path, undefined, signal)).json());
  },
  async post<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return schema.parse(await (await send('POST', path, body)).json());
  },
  async put<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return schema.parse(await (await send('PUT', path, body)).json());
  },
  async patch<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return schema.parse(await (await send('PATCH', path, body)).json());
  },
  /** For answers without a body (204). */
  async command(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<void> {
    await send(method, path, body);
  },
};
