/**
 * Where the server reads the time of the day it runs. Every use case that judges a step, a booking
 * or a plan against "now" receives `now` from the one clock the server was started with
 * (`AppContext.clock`): the system's in production, a set one in tests that work legs weeks ahead
 * (tests/support/clock.ts). Sessions, rate limits and log times stay on the machine's time: they
 * measure real elapsed time, not the day being worked.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
