/**
 * How fast the notice worker calls the SMS provider. Until the provider first answers 429 there is no
 * limit but the worker's lanes. From then on the pace follows what the provider accepts, as TCP does
 * with a network it cannot see: each refusal cuts the rate to 70 % of what was being sent, each accepted
 * message adds a little back (about `GROWTH_PER_SECOND` messages a second, every second), and a
 * `Retry-After` holds every lane until it has passed. At a provider allowing 100 messages a second the
 * worker settles around 80–100 a second with a refusal every ten seconds or so, instead of one in every
 * two sends (bench:notices, README "Notices").
 *
 * Times are milliseconds on the worker's clock (`nowMs`), which tests may set ahead of the wall clock.
 */
export class SendPace {
  /** Messages a second; Infinity until the first refusal. */
  private rate = Number.POSITIVE_INFINITY;
  /** The earliest moment the next message may go. */
  private nextSlot = 0;
  private pausedUntil = 0;
  /** Sends in the current one-second window, to know the rate in use at the first refusal. */
  private windowStart = 0;
  private inWindow = 0;
  private lastWindowCount = 0;

  constructor(
    private readonly floor = MIN_RATE,
    private readonly growthPerSecond = GROWTH_PER_SECOND,
  ) {}

  /** The current limit in messages a second (Infinity when none). */
  get perSecond(): number {
    return this.rate;
  }

  /**
   * Reserves the next sending slot: how long to wait before sending, in ms (0 = now). The caller
   * either waits and sends, or gives the slot back by not sending (`reserve` is cheap to call again).
   */
  reserve(nowMs: number): number {
    const start = Math.max(nowMs, this.pausedUntil, this.nextSlot);
    if (Number.isFinite(this.rate)) this.nextSlot = start + 1000 / this.rate;
    this.count(start);
    return start - nowMs;
  }

  /** The provider accepted a message (or failed it for another reason than its rate). */
  accepted(): void {
    if (!Number.isFinite(this.rate)) return;
    // About `growthPerSecond` more a second: `rate` acceptances take one second at this rate.
    this.rate += this.growthPerSecond / this.rate;
  }

  /** The provider answered 429, asking (maybe) for `retryAfterSeconds` of quiet. */
  refused(nowMs: number, retryAfterSeconds: number | undefined): void {
    const inUse = Number.isFinite(this.rate)
      ? this.rate
      : Math.max(this.lastWindowCount, this.inWindow, this.floor);
    this.rate = Math.max(this.floor, inUse * DECREASE);
    if (retryAfterSeconds !== undefined)
      this.pausedUntil = Math.max(this.pausedUntil, nowMs + retryAfterSeconds * 1000);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
  }

  private count(at: number): void {
    if (at - this.windowStart >= 1000) {
      this.lastWindowCount = at - this.windowStart < 2000 ? this.inWindow : 0;
      this.windowStart = at;
      this.inWindow = 0;
    }
    this.inWindow += 1;
  }
}

/** Never slower than this many messages a second, however often the provider refuses. */
const MIN_RATE = 1;
/** Messages a second the rate grows by, each second without a refusal. */
const GROWTH_PER_SECOND = 3;
/** What a refusal leaves of the rate in use. */
const DECREASE = 0.7;
