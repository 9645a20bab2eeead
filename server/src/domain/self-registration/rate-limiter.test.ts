import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limiter.ts';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` hits per window, then refuses until the oldest hit leaves the window', () => {
    const limiter = new SlidingWindowLimiter(2, 1000);
    limiter.hit('a', 0);
    limiter.hit('a', 100);
    expect(() => limiter.hit('a', 500)).toThrow(expect.objectContaining({ code: 'too_many_requests' }));
    limiter.hit('b', 500);
    limiter.hit('a', 1001);
  });

  it('says how long to wait', () => {
    const limiter = new SlidingWindowLimiter(1, 10_000);
    limiter.hit('a', 0);
    try {
      limiter.hit('a', 4000);
      expect.unreachable();
    } catch (error) {
      expect((error as { extra: { retryAfterSeconds: number } }).extra.retryAfterSeconds).toBe(6);
    }
  });
});
