import { pino } from 'pino';
import pretty from 'pino-pretty';
import { logContextFields } from './observability/log-context.ts';

/** Secrets and personal data never reach the log, wherever they sit in a logged object. */
export const REDACT = [
  'password',
  'token',
  'nationalId',
  'phone',
  'name',
  'passwordHash',
  '*.password',
  '*.token',
  '*.nationalId',
  '*.phone',
  '*.passwordHash',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

/**
 * JSON lines for machines (log shippers, `docker logs`), readable lines for a person at a terminal:
 * pretty when stdout is a TTY, unless `LOG_FORMAT=json` asks for JSON there too. Redaction runs before
 * either, so the pretty output hides the same fields.
 */
export function createLogger(
  level: string,
  format: 'json' | 'pretty' = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json' ? 'pretty' : 'json',
) {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { service: 'lastmeter' },
    mixin: logContextFields,
  };
  if (format === 'json') return pino(options);
  return pino(
    options,
    pretty({ sync: true, colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' }),
  );
}
export type Logger = ReturnType<typeof createLogger>;
