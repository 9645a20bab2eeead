import type { VehicleKind } from '@lastmeter/shared';
import { createTurfTravelModel, type TravelTimeModel } from '../../planner/domain/travel.ts';

let current: TravelTimeModel = createTurfTravelModel();

/**
 * The one travel model of this server: the @turf/turf estimate, or a routing engine's table once
 * `server/src/domain/travel/routed-travel.ts` has fetched one (OSRM_URL). Every path that needs travel
 * times — matching, the schedule gate, plans and insertions, ETAs, the demo's drivers — asks here.
 */
export const travelModel = (): TravelTimeModel => current;

/** Puts a model in place (the routed-travel loader; tests); returns what restores the previous one. */
export function setTravelModel(model: TravelTimeModel): () => void {
  const previous = current;
  current = model;
  return () => {
    current = previous;
  };
}

/** Minutes from one point to another with the server's travel model. */
export function travelMinutes(
  from: { lng: number; lat: number },
  to: { lng: number; lat: number },
  kind: VehicleKind = 'volunteer',
): number {
  const m = current.minutes(
    [
      [from.lng, from.lat],
      [to.lng, to.lat],
    ],
    kind,
  );
  return m[1] ?? 0;
}

export const minutes = (n: number) => n * 60_000;
