/** The parts of a PostgreSQL error we act on, whichever driver raised it (drizzle wraps them in `cause`). */
export interface PgErrorInfo {
  code: string;
  constraint: string | undefined;
  detail: string | undefined;
  column: string | undefined;
}

export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  notNullViolation: '23502',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  invalidTextRepresentation: '22P02',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as Record<string, unknown>;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const text = (key: string) => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
      return {
        code: e.code,
        constraint: text('constraint_name') ?? text('constraint'),
        detail: text('detail'),
        column: text('column_name') ?? text('column'),
      };
    }
    current = e.cause;
  }
  return undefined;
}
