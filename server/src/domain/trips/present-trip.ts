import type { TripView } from '@lastmeter/shared';
import type { LegContext } from '../schedule/load-leg.ts';
import { presentLeg } from './present-leg.ts';

/** A round trip from its two legs' contexts. */
export function presentTrip(contexts: LegContext[]): TripView {
  const outbound = contexts.find((c) => c.leg.direction === 'outbound');
  const ret = contexts.find((c) => c.leg.direction === 'return');
  if (!outbound || !ret) throw new Error('a round trip has both legs');
  return {
    id: outbound.trip.id,
    requestId: outbound.request.id,
    hospitalId: outbound.hospital.id,
    matchReason: outbound.request.matchReason ?? null,
    outbound: presentLeg(outbound),
    return: presentLeg(ret),
  };
}
