import { errors } from '../../errors.ts';

/**
 * A sliding-window limiter kept in this process's memory: per node, so N server nodes allow up to
 * N × `limit` per window in the worst case. Good enough to stop a script hammering one public form;
 * a city-wide deployment behind a load balancer with sticky IPs keeps the per-IP figure exact.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt for `key`; throws 429 (with Retry-After) when the window is already full. */
  hit(key: string, now = Date.now()): void {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000));
      throw errors.tooManyRequests(retryAfter);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(since);
  }

  private sweep(since: number): void {
    for (const [key, times] of this.hits) {
      if (!times.some((t) => t > since)) this.hits.delete(key);
    }
  }
}
