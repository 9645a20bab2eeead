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
  /** Set on the turf estimate: a planner thread rebuilds the same model from these options alone. */
  readonly turf?: TurfTravelOptions;
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

/**
 * Default model: great-circle distance (@turf/turf) × detour factor ÷ speed of the vehicle kind.
 * Distances are memoised per point (gates, entrances and bases are few and reused all day), so
 * re-planning and online insertion pay only for points they have not seen before.
 */
export function createTurfTravelModel(options: TurfTravelOptions = defaultTurfTravel): TravelTimeModel {
  const registry = new Map<string, number>();
  const known: LngLat[] = [];
  let cap = 0;
  let km = new Float64Array(0);
  const indexOf = (p: LngLat): number => {
    const key = `${p[0]},${p[1]}`;
    let i = registry.get(key);
    if (i !== undefined) return i;
    i = known.length;
    if (i >= cap) {
      const next = Math.max(64, cap * 2);
      const grown = new Float64Array(next * next);
      for (let a = 0; a < known.length; a++)
        grown.set(km.subarray(a * cap, a * cap + known.length), a * next);
      km = grown;
      cap = next;
    }
    known.push(p);
    registry.set(key, i);
    for (let a = 0; a < i; a++) {
      const d = distance(known[a]!, p, { units: 'kilometers' }) * options.detourFactor;
      km[a * cap + i] = d;
      km[i * cap + a] = d;
    }
    return i;
  };
  const matrix = (points: readonly LngLat[], factor: number): Float64Array => {
    const ids = points.map(indexOf);
    const n = ids.length;
    const out = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      const row = ids[a]! * cap;
      for (let b = 0; b < n; b++) out[a * n + b] = km[row + ids[b]!]! * factor;
    }
    return out;
  };
  return {
    kilometres: (points) => matrix(points, 1),
    minutes: (points, kind) => matrix(points, 60 / options.speedKmh[kind]),
    turf: options,
  };
}

/**
 * A model over matrices fetched beforehand (e.g. a routing engine's table), looked up by point.
 * Pairs involving a point the matrix does not hold (a vehicle's live position, a gate drawn after
 * the fetch) come from `fallback`; without one such a point is an error.
 */
export function createMatrixTravelModel(
  known: readonly LngLat[],
  minutes: Float64Array,
  kilometres: Float64Array,
  kindFactor: Record<VehicleKind, number>,
  fallback?: TravelTimeModel,
): TravelTimeModel {
  const index = new Map(known.map((p, i) => [`${p[0]},${p[1]}`, i]));
  const n = known.length;
  const pick = (
    points: readonly LngLat[],
    source: Float64Array,
    factor: number,
    estimate: () => Float64Array,
  ): Float64Array => {
    const ids = points.map((p) => index.get(`${p[0]},${p[1]}`) ?? -1);
    const m = ids.length;
    const missing = ids.indexOf(-1);
    if (missing >= 0 && !fallback) {
      const p = points[missing]!;
      throw new Error(`travel matrix has no entry for point ${p[0]},${p[1]}`);
    }
    const out = missing >= 0 ? estimate() : new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      const ia = ids[a]!;
      if (ia < 0) continue;
      for (let b = 0; b < m; b++) {
        const ib = ids[b]!;
        if (ib >= 0) out[a * m + b] = source[ia * n + ib]! * factor;
      }
    }
    return out;
  };
  return {
    minutes: (points, kind) => pick(points, minutes, kindFactor[kind], () => fallback!.minutes(points, kind)),
    kilometres: (points) => pick(points, kilometres, 1, () => fallback!.kilometres(points)),
  };
}

/** What a planner thread needs of a model it cannot rebuild itself: the matrices over one plan's points. */
export interface TravelSnapshot {
  readonly points: readonly LngLat[];
  readonly minutes: Partial<Record<VehicleKind, Float64Array>>;
  readonly kilometres: Float64Array;
}

/** Takes the matrices a plan needs from any model, in the calling thread (where its data lives). */
export function snapshotTravel(
  model: TravelTimeModel,
  points: readonly LngLat[],
  kinds: readonly VehicleKind[],
): TravelSnapshot {
  return {
    points,
    minutes: Object.fromEntries(kinds.map((k) => [k, model.minutes(points, k)])),
    kilometres: model.kilometres(points),
  };
}

/** The model a planner thread builds from a snapshot; it answers only for the snapshot's points and kinds. */
export function createSnapshotTravelModel(snapshot: TravelSnapshot): TravelTimeModel {
  const index = new Map(snapshot.points.map((p, i) => [`${p[0]},${p[1]}`, i]));
  const n = snapshot.points.length;
  const pick = (points: readonly LngLat[], source: Float64Array | undefined, what: string) => {
    if (!source) throw new Error(`travel snapshot has no ${what}`);
    const ids = points.map((p) => {
      const i = index.get(`${p[0]},${p[1]}`);
      if (i === undefined) throw new Error(`travel snapshot has no entry for point ${p[0]},${p[1]}`);
      return i;
    });
    const m = ids.length;
    const out = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[a * m + b] = source[ids[a]! * n + ids[b]!]!;
    return out;
  };
  return {
    minutes: (points, kind) => pick(points, snapshot.minutes[kind], `minutes for ${kind}`),
    kilometres: (points) => pick(points, snapshot.kilometres, 'kilometres'),
  };
}
