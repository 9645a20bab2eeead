import { SlidingWindowLimiter } from '../self-registration/rate-limiter.ts';

const MINUTE = 60_000;
/** A map app or a browser tab polling every few seconds stays far below this per address. */
export const crowdingPerIp = new SlidingWindowLimiter(120, MINUTE);
/** A family's phone polls the tracking page every 5 s; a few relatives share one address. */
export const trackingPerIp = new SlidingWindowLimiter(90, MINUTE);
/** Whoever holds a link cannot turn it into a firehose, even from many addresses. */
export const trackingPerToken = new SlidingWindowLimiter(240, MINUTE);
