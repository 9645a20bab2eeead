import type { Clock } from '@lastmeter/server/clock.ts';

/**
 * The server's clock in tests (server/src/clock.ts): the machine's time until a test sets it, then
 * standing still at what was set until moved again. Tests that work legs of a day weeks ahead set it
 * to the moment each step happens on that day, so the server's time guards judge the step as they
 * would on the day — never the time of day the test happens to run at.
 */
export class TestClock implements Clock {
  private at: number | null = null;

  now(): Date {
    return new Date(this.at ?? Date.now());
  }

  /** From now on the server reads `at`. */
  set(at: Date | string): void {
    const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
    this.at = ms;
  }

  /** Moves the set time on (from the machine's time, if none was set). */
  advance(minutes: number): void {
    this.at = (this.at ?? Date.now()) + minutes * 60_000;
  }

  /** Back to the machine's time. */
  reset(): void {
    this.at = null;
  }
}
