import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Lightweight per-phase timing of one operation (an emergency's insertion: world, planner, commit,
 * gate …), so a benchmark can say where its wall time goes. A phase is timed only inside
 * `collectSpans`; anywhere else `span` just runs its function. Times are wall milliseconds, summed
 * per name; phases that run inside one another are each counted whole.
 */
const current = new AsyncLocalStorage<Map<string, number>>();

/** Runs `fn` and returns, with its result, the milliseconds each named phase took inside it. */
export async function collectSpans<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; spans: Map<string, number> }> {
  const spans = new Map<string, number>();
  const result = await current.run(spans, fn);
  return { result, spans };
}

/** Times `fn` as phase `name` of the operation being collected, if any. */
export async function span<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const spans = current.getStore();
  if (!spans) return fn();
  const started = performance.now();
  try {
    return await fn();
  } finally {
    spans.set(name, (spans.get(name) ?? 0) + performance.now() - started);
  }
}
