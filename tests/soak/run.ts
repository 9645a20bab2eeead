import type { TestServer } from '../support/test-server.ts';
import { Caller } from './caller.ts';
import { SoakClient } from './clients.ts';
import { checkDelivery } from './delivery.ts';
import {
  checkPlannedTimes,
  checkRequestsAccounted,
  checkState,
  type Finding,
  INVARIANTS,
  type Invariant,
} from './invariants.ts';
import {
  adoptTrips,
  legLabel,
  type Model,
  OPERATION_WEIGHTS,
  OPERATIONS,
  type OpContext,
  type OperationKind,
  vehicleLabel,
} from './operations.ts';
import { Prng } from './prng.ts';
import { readSnapshot, readStreamHeads, type Snapshot } from './snapshot.ts';
import { applyPolicy, createSoakWorld, type SoakPolicy } from './world.ts';

/** One breach, first seen after operation `op` of the run with `seed`. */
export interface Violation {
  invariant: Invariant;
  seed: number;
  op: number;
  opKind: OperationKind | 'end of run';
  detail: string;
  legs: string[];
  vehicle?: string;
}

export interface SoakReport {
  seed: number;
  /** The district's policy that day (drawn from the seed). */
  policy: SoakPolicy;
  operations: number;
  byKind: Record<string, number>;
  httpCalls: number;
  checks: number;
  /** The invariants this run checked (every one not skipped). */
  checked: Invariant[];
  /** Milliseconds spent in the operations themselves and in checking after them. */
  timing: { operationsMs: number; checksMs: number; deliveryMs: number };
  violations: Violation[];
  /** The operations, one line each: the sequence that reproduces a violation with the seed. */
  log: string[];
}

export interface SoakOptions {
  server: TestServer;
  seed: number;
  ops: number;
  /** Invariants to leave unchecked (their findings are dropped, not counted). */
  skip?: readonly Invariant[];
  /** Called after each operation with its log line, e.g. to print progress. */
  onOperation?: (line: string) => void;
}

/**
 * A randomized lockdown day: `ops` operations chosen by a seeded generator drive the real API and
 * real sockets of `server`; after each one the database is checked against every invariant, and at
 * the end every socket's deliveries are compared with the committed streams.
 */
export async function runSoak({
  server,
  seed,
  ops,
  skip = [],
  onOperation,
}: SoakOptions): Promise<SoakReport> {
  const world = await createSoakWorld(server);
  const db = world.db;
  const prng = new Prng(seed);
  // Drawn apart from the day's choices, so adding a policy never reshuffles a known seed's day.
  const policy = await applyPolicy(
    db,
    world.districtId,
    new Prng(seed ^ 0x5eed).weighted<SoakPolicy>({
      default: 2,
      one_patient_per_vehicle: 1,
      disinfect_after_every_passenger: 1,
    }),
  );
  const caller = new Caller(server);
  const clients = world.parties.map((p) => new SoakClient(server.url, p));
  await Promise.all(clients.map((c) => c.connect()));
  const model: Model = { patients: [], requests: [], trips: [], zones: [] };
  const report: SoakReport = {
    seed,
    policy,
    operations: 0,
    byKind: {},
    httpCalls: 0,
    checks: 0,
    checked: INVARIANTS.filter((i) => !skip.includes(i)),
    timing: { operationsMs: 0, checksMs: 0, deliveryMs: 0 },
    violations: [],
    log: [],
  };
  const kinds: OperationKind[] = [];
  const headsAfterOp: Map<string, number>[] = [];
  let active = new Set<string>();
  const seen = new Set<string>();
  const checked = new Set<Invariant>(INVARIANTS.filter((i) => !skip.includes(i)));

  const record = (findings: Finding[], op: number, opKind: Violation['opKind'], snapshot: Snapshot) => {
    const now = new Set<string>();
    for (const f of findings) {
      if (!checked.has(f.invariant)) continue;
      now.add(f.key);
      // A breach that persists is reported once, at the operation that caused it.
      if (active.has(f.key) || seen.has(f.key)) continue;
      seen.add(f.key);
      report.violations.push({
        invariant: f.invariant,
        seed,
        op,
        opKind,
        detail: f.detail,
        legs: f.legIds.map((id) => legLabel(model, snapshot, id)),
        ...(f.vehicleId ? { vehicle: vehicleLabel(world, f.vehicleId) } : {}),
      });
    }
    return now;
  };

  let before = await readSnapshot(db);
  for (let op = 0; op < ops; op++) {
    caller.reset();
    for (const c of clients) c.op = op;
    const ctx: OpContext = { world, prng, caller, clients, model, snapshot: before, findings: [] };
    const startedAt = Date.now();
    let kind: OperationKind = 'register_patient';
    let outcome = null;
    // Early in the day there must be people to carry; later, any operation that applies.
    for (let attempt = 0; attempt < 50 && !outcome; attempt++) {
      kind = model.patients.length < 4 ? 'register_patient' : prng.weighted(OPERATION_WEIGHTS);
      outcome = await OPERATIONS[kind](ctx);
    }
    const checkStartedAt = Date.now();
    report.timing.operationsMs += checkStartedAt - startedAt;
    const after = await readSnapshot(db);
    adoptTrips(model, after);
    const findings = [
      ...caller.findings,
      ...ctx.findings,
      ...checkState(after),
      ...checkPlannedTimes(before, after, startedAt),
      ...(outcome?.plan ? checkRequestsAccounted(after, outcome.plan) : []),
    ];
    // State invariants, the planned-time check and the response checks run after every operation.
    report.checks += 7 + (outcome?.plan ? 1 : 0) + caller.calls.length;
    const line = `#${op} ${kind}: ${outcome?.summary ?? 'nothing applicable'}`;
    report.log.push(line);
    onOperation?.(line);
    kinds.push(kind);
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    active = record(findings, op, kind, after);
    headsAfterOp.push(await readStreamHeads(db));
    report.timing.checksMs += Date.now() - checkStartedAt;
    before = after;
  }
  report.operations = ops;
  report.httpCalls = caller.total;

  // Every socket back online, then every committed event must have reached it.
  for (const c of clients) c.op = ops;
  await Promise.all(clients.map((c) => c.connect()));
  if (checked.has('event_delivery')) {
    const deliveryStartedAt = Date.now();
    const delivery = await checkDelivery(db, clients, headsAfterOp, (i) => `#${i} ${kinds[i]}`);
    report.checks += delivery.streamsChecked;
    record(delivery.findings, ops, 'end of run', before);
    report.timing.deliveryMs = Date.now() - deliveryStartedAt;
  }
  for (const c of clients) c.disconnect();
  return report;
}

/** Violations counted per invariant (every invariant listed, zeros included). */
export function countByInvariant(report: SoakReport): Record<Invariant, number> {
  const counts = Object.fromEntries(INVARIANTS.map((i) => [i, 0])) as Record<Invariant, number>;
  for (const v of report.violations) counts[v.invariant]++;
  return counts;
}

/** A violation as one readable paragraph, with what reproduces it. */
export function describeViolation(v: Violation): string {
  return [
    `[${v.invariant}] seed ${v.seed}, op #${v.op} (${v.opKind}): ${v.detail}`,
    ...(v.vehicle ? [`  vehicle: ${v.vehicle}`] : []),
    ...v.legs.map((l) => `  leg: ${l}`),
    `  reproduce: pnpm soak --seed ${v.seed} --ops ${v.op + 1}`,
  ].join('\n');
}
