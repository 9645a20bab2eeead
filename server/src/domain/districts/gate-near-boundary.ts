import type { PolygonalGeometry } from '@lastmeter/shared/geo/zone-level.ts';
import { pointToPolygonDistance } from '@turf/turf';
import { errors } from '../../errors.ts';

/** Gates sit on the fence; a little slack allows for the street outside and for hand-drawn boundaries. */
const MAX_GATE_DISTANCE_M = 300;

/** Refuses gates placed far from their compound — almost always a typo or swapped coordinates. */
export function assertGatesNearBoundary(
  boundary: PolygonalGeometry,
  gates: { lng: number; lat: number }[],
  path: string,
) {
  const issues = gates.flatMap((gate, i) => {
    // Negative inside the boundary.
    const metres = Math.round(pointToPolygonDistance([gate.lng, gate.lat], boundary, { units: 'meters' }));
    if (metres <= MAX_GATE_DISTANCE_M) return [];
    return [
      {
        path: path.replace('{i}', String(i)),
        message: `gate is ${metres} m from the compound boundary (max ${MAX_GATE_DISTANCE_M} m)`,
      },
    ];
  });
  if (issues.length) throw errors.validation(issues);
}
