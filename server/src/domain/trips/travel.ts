import type { VehicleKind } from '@lastmeter/shared';
import { createTurfTravelModel } from '../../planner/domain/travel.ts';

const model = createTurfTravelModel();

/** Minutes from one point to another with the planner's travel-time model. */
export function travelMinutes(
  from: { lng: number; lat: number },
  to: { lng: number; lat: number },
  kind: VehicleKind = 'volunteer',
): number {
  const m = model.minutes(
    [
      [from.lng, from.lat],
      [to.lng, to.lat],
    ],
    kind,
  );
  return m[1] ?? 0;
}

export const minutes = (n: number) => n * 60_000;
