/**
 * The engine's view of a dial-a-ride problem: flat typed arrays, no domain words. Both the
 * Cordeau benchmark adapter and the hospital-trip adapter build one of these, so the benchmark
 * measures exactly the code that plans real trips.
 *
 * Node numbering (R requests, V vehicles): pickup of request r = r, drop-off = R + r,
 * start depot of vehicle v = 2R + 2v, end depot = 2R + 2v + 1.
 */
export interface Instance {
  readonly nReq: number;
  readonly nVeh: number;
  /** Load dimensions (e.g. seats, wheelchair places, stretchers, patients). */
  readonly dims: number;
  /** Per node: index into the location matrices. */
  readonly loc: Int32Array;
  /** Per node: time window on the start of service, and service duration. */
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly service: Float64Array;
  /** Per node × dim: load change (positive at pickups, negative at drop-offs). */
  readonly demand: Int32Array;
  /** Per request: max ride time, measured from the end of pickup service to the drop-off start. */
  readonly maxRide: Float64Array;
  /** Per request: infection class 0..2; different classes are never on board together. */
  readonly infection: Uint8Array;
  /** Per request: 1 when the vehicle must be disinfected once it is empty after carrying it. */
  readonly dirty: Uint8Array;
  /** Per request: repair inserts higher tiers first (emergencies before scheduled care). */
  readonly tier: Uint8Array;
  /** Per request: objective penalty when the request stays unserved. */
  readonly unservedPenalty: Float64Array;
  /** Per request: vehicle it is pinned to (fixed, never removed by the search), or -1. */
  readonly pinned: Int32Array;
  /** Per vehicle × dim: capacity. */
  readonly capacity: Int32Array;
  /** Per vehicle: max route duration (end-depot start − start-depot start). */
  readonly maxDuration: Float64Array;
  /** Per vehicle: minutes of disinfection once emptied after a dirty passenger. */
  readonly disinfection: Float64Array;
  /** Per vehicle: which travel-time matrix it uses. */
  readonly profile: Int32Array;
  /** Per vehicle: multiplier on the cost matrix (e.g. cost per minute of that vehicle kind). */
  readonly costWeight: Float64Array;
  /** Per request × vehicle: extra cost of the assignment; Infinity forbids it. Null = all zero. */
  readonly assignPenalty: Float64Array | null;
  readonly nLoc: number;
  /** nLoc × nLoc cost basis (distance or minutes). */
  readonly cost: Float64Array;
  /** Per profile: nLoc × nLoc travel times. */
  readonly time: readonly Float64Array[];
}

export const startOf = (inst: Instance, v: number): number => 2 * inst.nReq + 2 * v;
export const endOf = (inst: Instance, v: number): number => 2 * inst.nReq + 2 * v + 1;
export const nodeCount = (inst: Instance): number => 2 * inst.nReq + 2 * inst.nVeh;

/**
 * Narrows each request's pickup and drop-off windows to what its own constraints imply (Cordeau
 * 2006): the drop-off can start no earlier than the pickup's earliest end plus the direct trip and
 * no later than the pickup's latest end plus the maximum ride; the pickup likewise from the
 * drop-off's window. Benchmark and real requests often give a window on one end only; the other
 * end's [0, horizon] would otherwise let insertion screening scan a whole route for nothing. Every
 * feasible schedule keeps the narrowed windows, so the plans found are the same, only found
 * sooner. The fastest travel profile bounds the direct trip for any vehicle. Idempotent.
 */
export function tightenWindows(inst: Instance): void {
  const { nReq, loc, nLoc, early, late, service, maxRide, time } = inst;
  for (let r = 0; r < nReq; r++) {
    const P = r;
    const D = nReq + r;
    let direct = Number.POSITIVE_INFINITY;
    for (const tt of time) direct = Math.min(direct, tt[loc[P]! * nLoc + loc[D]!]!);
    const ride = maxRide[r]!;
    const dP = service[P]!;
    early[D] = Math.max(early[D]!, early[P]! + dP + direct);
    late[D] = Math.min(late[D]!, late[P]! + dP + ride);
    early[P] = Math.max(early[P]!, early[D]! - ride - dP);
    late[P] = Math.min(late[P]!, late[D]! - dP - direct);
  }
}

const transposes = new WeakMap<Float64Array, Float64Array>();

/**
 * The n × n matrix with rows and columns swapped (the matrix itself when it is symmetric, as
 * Euclidean benchmark matrices are), cached per matrix. Insertion screening reads "from every stop
 * of a route to this pickup or drop-off": a column of the matrix, one cache miss per stop on a
 * large one; in the transpose it is one row, which stays in the cache across the scan.
 */
export function transposeOf(m: Float64Array, n: number): Float64Array {
  const cached = transposes.get(m);
  if (cached) return cached;
  let symmetric = true;
  for (let a = 0; a < n && symmetric; a++)
    for (let b = a + 1; b < n; b++)
      if (m[a * n + b] !== m[b * n + a]) {
        symmetric = false;
        break;
      }
  let t = m;
  if (!symmetric) {
    t = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) t[b * n + a] = m[a * n + b]!;
  }
  transposes.set(m, t);
  return t;
}
