import { describe, expect, it } from 'vitest';
import { SendPace } from './send-pace.ts';

/** Sends `n` messages as fast as the pace allows from `t`, each accepted; returns the time after. */
function sendAccepted(pace: SendPace, t: number, n: number): number {
  let now = t;
  for (let i = 0; i < n; i++) {
    now += pace.reserve(now);
    pace.accepted();
  }
  return now;
}

describe('SendPace', () => {
  it('sets no limit until the provider first refuses', () => {
    const pace = new SendPace();
    for (let i = 0; i < 500; i++) expect(pace.reserve(1_000)).toBe(0);
    expect(pace.perSecond).toBe(Number.POSITIVE_INFINITY);
  });

  it('cuts to 70 % of the rate in use at a refusal, and holds every lane for Retry-After', () => {
    const pace = new SendPace();
    // 120 messages within one second, then the first 429 in the next.
    for (let i = 0; i < 120; i++) pace.reserve(10_000 + i * 8);
    pace.reserve(11_000);
    pace.refused(11_000, 1);
    expect(pace.perSecond).toBeCloseTo(84, 0);
    // Nothing goes before the Retry-After has passed; then one message every 1/84 s.
    expect(pace.reserve(11_000)).toBe(1_000);
    expect(pace.reserve(11_000)).toBeCloseTo(1_000 + 1_000 / 84, 5);
  });

  it('grows back by about 3 a second while the provider accepts, and never below 1 a second', () => {
    const pace = new SendPace();
    pace.reserve(0);
    pace.refused(0, undefined);
    expect(pace.perSecond).toBe(1);
    pace.refused(0, undefined);
    expect(pace.perSecond).toBe(1);
    const fast = new SendPace();
    for (let i = 0; i < 50; i++) fast.reserve(i * 10);
    fast.refused(600, undefined);
    const before = fast.perSecond;
    const after = sendAccepted(fast, 600, 300);
    const seconds = (after - 600) / 1000;
    expect(fast.perSecond - before).toBeGreaterThan(2.5 * seconds);
    expect(fast.perSecond - before).toBeLessThan(3.5 * seconds);
  });

  it('spaces messages evenly at the limited rate, whatever the lanes ask', () => {
    const pace = new SendPace();
    for (let i = 0; i < 20; i++) pace.reserve(i * 50);
    pace.refused(1_000, undefined);
    const rate = pace.perSecond;
    const waits = Array.from({ length: 5 }, () => pace.reserve(1_000));
    for (const [i, w] of waits.entries()) expect(w).toBeCloseTo(i * (1_000 / rate), 5);
  });
});
