import type { Solution } from '../engine/alns.ts';
import { type Instance, tightenWindows } from '../engine/instance.ts';
import { lastSchedule, schedule } from '../engine/route.ts';

/**
 * Adapter between the Cordeau benchmark format (the `darp` instance files that `pnpm bench:darp` reads) and the engine.
 * It only translates: Euclidean distances in double precision, travel time = distance,
 * one load dimension, ride time from the end of pickup service, route duration ≤ T.
 */
export interface CordeauInstance {
  readonly name: string;
  readonly m: number;
  readonly n: number;
  readonly instance: Instance;
}

export interface DarpOutput {
  instance: string;
  cost: number;
  routes: { nodes: number[]; start: number[] }[];
}

/** Leaving a request out must never pay: far above any route cost in these instances. */
const UNSERVED_PENALTY = 1e5;

export function parseCordeau(name: string, text: string): CordeauInstance {
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/\s+/).map(Number));
  const head = rows[0];
  if (!head || head.length < 5) throw new Error(`${name}: bad header line`);
  const [m, f2, T, Q, L] = head as [number, number, number, number, number];
  const lines = rows.slice(1);
  const n = lines.length === 2 * f2 + 2 ? f2 : f2 / 2;
  if (lines.length === 2 * n + 1) lines.push([2 * n + 1, ...lines[0]!.slice(1)]);
  if (lines.length !== 2 * n + 2 || !Number.isInteger(n))
    throw new Error(`${name}: ${lines.length} node lines`);
  const nLoc = 2 * n + 2;
  const x = new Float64Array(nLoc);
  const y = new Float64Array(nLoc);
  const d = new Float64Array(nLoc);
  const q = new Int32Array(nLoc);
  const e = new Float64Array(nLoc);
  const l = new Float64Array(nLoc);
  lines.forEach((row, id) => {
    const [, xi, yi, di, qi, ei, li] = row as [number, number, number, number, number, number, number];
    x[id] = xi;
    y[id] = yi;
    d[id] = di;
    q[id] = qi;
    e[id] = ei;
    l[id] = li;
  });
  const dist = new Float64Array(nLoc * nLoc);
  for (let a = 0; a < nLoc; a++)
    for (let b = 0; b < nLoc; b++) dist[a * nLoc + b] = Math.hypot(x[a]! - x[b]!, y[a]! - y[b]!);

  const R = n;
  const nodes = 2 * R + 2 * m;
  const locOf = new Int32Array(nodes);
  for (let r = 0; r < R; r++) {
    locOf[r] = r + 1;
    locOf[R + r] = n + r + 1;
  }
  for (let v = 0; v < m; v++) {
    locOf[2 * R + 2 * v] = 0;
    locOf[2 * R + 2 * v + 1] = 2 * n + 1;
  }
  const early = new Float64Array(nodes);
  const late = new Float64Array(nodes);
  const service = new Float64Array(nodes);
  const demand = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) {
    const id = locOf[node]!;
    early[node] = e[id]!;
    late[node] = l[id]!;
    service[node] = d[id]!;
    demand[node] = node < 2 * R ? q[id]! : 0;
  }
  const instance: Instance = {
    nReq: R,
    nVeh: m,
    dims: 1,
    loc: locOf,
    early,
    late,
    service,
    demand,
    maxRide: new Float64Array(R).fill(L),
    infection: new Uint8Array(R),
    dirty: new Uint8Array(R),
    tier: new Uint8Array(R),
    unservedPenalty: new Float64Array(R).fill(UNSERVED_PENALTY),
    pinned: new Int32Array(R).fill(-1),
    capacity: new Int32Array(m).fill(Q),
    maxDuration: new Float64Array(m).fill(T),
    disinfection: new Float64Array(m),
    profile: new Int32Array(m),
    costWeight: new Float64Array(m).fill(1),
    assignPenalty: null,
    nLoc,
    cost: dist,
    time: [dist],
  };
  tightenWindows(instance);
  return { name, m, n, instance };
}

/** Writes a solution in the checker's format, with the engine's service start times. */
export function toDarpOutput(ci: CordeauInstance, sol: Solution): DarpOutput {
  const { instance: inst } = ci;
  const routes: DarpOutput['routes'] = [];
  let cost = 0;
  for (const rt of sol.routes) {
    if (rt.seq.length <= 2) continue;
    if (!schedule(inst, rt.v, rt.seq, rt.seq.length)) throw new Error(`route ${rt.v} lost feasibility`);
    const times = lastSchedule(rt.seq.length);
    const nodes: number[] = [];
    const start: number[] = [];
    rt.seq.forEach((node, p) => {
      nodes.push(inst.loc[node]!);
      start.push(times[p]!);
      if (p > 0) cost += inst.cost[inst.loc[rt.seq[p - 1]!]! * inst.nLoc + inst.loc[node]!]!;
    });
    routes.push({ nodes, start });
  }
  return { instance: ci.name, cost, routes };
}
