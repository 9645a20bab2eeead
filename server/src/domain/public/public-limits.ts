import { SlidingWindowLimiter } from '../self-registration/rate-limiter.ts';

const MINUTE = 60_000;
const TEN_MINUTES = 10 * MINUTE;

/**
 * The rate limits of the public endpoints, owned by one server node (`AppContext.limits`): in memory,
 * so per node (see `SlidingWindowLimiter`), and two servers in one process never share them.
 */
export interface PublicLimits {
  /** A map app or a browser tab polling every few seconds stays far below this per address. */
  readonly crowdingPerIp: SlidingWindowLimiter;
  /** A family's phone polls the tracking page every 5 s; a few relatives share one address. */
  readonly trackingPerIp: SlidingWindowLimiter;
  /** Whoever holds a link cannot turn it into a firehose, even from many addresses. */
  readonly trackingPerToken: SlidingWindowLimiter;
  /** A family registers one or two people; five submissions from one address in ten minutes is a script. */
  readonly selfRegistrationPerIp: SlidingWindowLimiter;
  /** A compound of a few thousand households does not produce more than this in ten minutes. */
  readonly selfRegistrationPerToken: SlidingWindowLimiter;
}

export function createPublicLimits(): PublicLimits {
  return {
    crowdingPerIp: new SlidingWindowLimiter(120, MINUTE),
    trackingPerIp: new SlidingWindowLimiter(90, MINUTE),
    trackingPerToken: new SlidingWindowLimiter(240, MINUTE),
    selfRegistrationPerIp: new SlidingWindowLimiter(5, TEN_MINUTES),
    selfRegistrationPerToken: new SlidingWindowLimiter(100, TEN_MINUTES),
  };
}
