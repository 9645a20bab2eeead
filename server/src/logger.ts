import { pino } from 'pino';

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

export function createLogger(level: string) {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'lastmeter' } });
}
export type Logger = ReturnType<typeof createLogger>;
