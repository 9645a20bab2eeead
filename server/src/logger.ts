import { createRequire } from 'node:module';
import { type DestinationStream, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { logContextFields } from './observability/log-context.ts';

/** Fields that hold a secret or identify a person, under any of the names they go by. */
const SENSITIVE = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'selfRegistrationToken',
  'self_registration_token',
  'nationalId',
  'national_id',
  'phone',
  'name',
  'displayName',
  'display_name',
  'address',
  'givenBy',
  'q',
];

/** Secrets and personal data never reach the log, wherever they sit in a logged object (three levels deep). */
export const REDACT = [
  ...SENSITIVE,
  ...SENSITIVE.map((key) => `*.${key}`),
  ...SENSITIVE.map((key) => `*.*.${key}`),
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

// Database drivers attach the statement and its values to an error (postgres.js `parameters`/`query`,
// drizzle `params` and a "params:" line in the message, PGlite `query`/`params`, PostgreSQL's `detail`
// "Key (national_id)=(…)"): a failed insert of a patient would log the patient.
const DRIVER_DATA = new Set(['parameters', 'params', 'query', 'detail', 'where', 'args']);

/** An error as the log may keep it: type, code, constraint and stack, never the values it was about. */
export function safeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 4)
    return error instanceof Error ? { message: '[truncated]' } : error;
  const out: Record<string, unknown> = {
    type: error.constructor.name,
    message: withoutValues(error.message),
    stack: withoutValues(error.stack ?? ''),
  };
  for (const [key, value] of Object.entries(error)) {
    if (DRIVER_DATA.has(key) || key === 'cause') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  if (error.cause !== undefined) out.cause = safeError(error.cause, depth + 1);
  return out;
}

function withoutValues(text: string): string {
  return text
    .replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]')
    .replace(/(Key \(.*?\)=\()[^)]*/g, '$1[redacted]');
}

/**
 * JSON lines for machines (log shippers, `docker logs`), readable lines for a person at a terminal:
 * pretty when stdout is a TTY, unless `LOG_FORMAT=json` asks for JSON there too. Redaction runs before
 * either, so the pretty output hides the same fields.
 */
export function createLogger(
  level: string,
  format: 'json' | 'pretty' = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json' ? 'pretty' : 'json',
  /** Where JSON lines go (default stdout); tests read the log from here. */
  destination?: DestinationStream,
) {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: safeError },
    base: { service: 'lastmeter' },
    mixin: logContextFields,
  };
  if (format === 'json') return destination ? pino(options, destination) : pino(options);
  // Required only for a person's terminal: a node in production (JSON) never loads the formatter.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pino(
    options,
    pretty({ sync: true, colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' }),
  );
}
export type Logger = ReturnType<typeof createLogger>;
