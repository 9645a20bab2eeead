import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one request carries (docs/operations.md, "Logs"). */
export interface LogContext {
  reqId: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** pino's `mixin`: the current request's id on every line logged on its behalf, however deep. */
export function logContextFields(): Record<string, unknown> {
  const context = logContext.getStore();
  return context ? { reqId: context.reqId } : {};
}
