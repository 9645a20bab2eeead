import type { LngLat, VehicleKind } from '@lastmeter/shared/planner.ts';
import { distance } from '@turf/turf';

/**
 * Pluggable travel times. The planner asks once, up front, for full matrices over the points
 * it needs (gates, hospital entrances, bases) and then runs purely on them.
 */
export interface TravelTimeModel {
  /** Row-major n × n travel minutes for this vehicle kind. */
  minutes(points: readonly LngLat[], kind: VehicleKind): Float64Array;
  /** Row-major n × n road kilometres (the plan's cost basis). */
  kilometres(points: readonly LngLat[]): Float64Array;
}

export interface TurfTravelOptions {
  /** Road distance ÷ straight-line distance. */
  detourFactor: number;
  /** Average speed per vehicle kind, km/h (a 120 ambulance may use sirens). */
  speedKmh: Record<VehicleKind, number>;
}

export const defaultTurfTravel: TurfTravelOptions = {
  detourFactor: 1.35,
  speedKmh: { ambulance_120: 40, volunteer: 30, requisitioned: 30 },
};

/** Default model: great-circle distance (@turf/turf) × detour factor ÷ speed of the vehicle kind. */
export function createTurfTravelModel(options: TurfTravelOptions = defaultTurfTravel): TravelTimeModel {
  const kilometres = (points: readonly LngLat[]): Float64Array => {
    const n = points.length;
    const km = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const d = distance(points[a]!, points[b]!, { units: 'kilometers' }) * options.detourFactor;
        km[a * n + b] = d;
        km[b * n + a] = d;
      }
    return km;
  };
  return {
    kilometres,
    minutes(points, kind) {
      const km = kilometres(points);
      const perKm = 60 / options.speedKmh[kind];
      for (let i = 0; i < km.length; i++) km[i] = km[i]! * perKm;
      return km;
    },
  };
}

/** A model over matrices fetched beforehand (e.g. from OSRM), looked up by point. */
export function createMatrixTravelModel(
  known: readonly LngLat[],
  minutes: Float64Array,
  kilometres: Float64Array,
  kindFactor: Record<VehicleKind, number>,
): TravelTimeModel {
  const index = new Map(known.map((p, i) => [`${p[0]},${p[1]}`, i]));
  const n = known.length;
  const pick = (points: readonly LngLat[], source: Float64Array, factor: number): Float64Array => {
    const ids = points.map((p) => {
      const i = index.get(`${p[0]},${p[1]}`);
      if (i === undefined) throw new Error(`travel matrix has no entry for point ${p[0]},${p[1]}`);
      return i;
    });
    const m = ids.length;
    const out = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[a * m + b] = source[ids[a]! * n + ids[b]!]! * factor;
    return out;
  };
  return {
    minutes: (points, kind) => pick(points, minutes, kindFactor[kind]),
    kilometres: (points) => pick(points, kilometres, 1),
  };
}
