import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { PlanTrip } from '@lastmeter/shared/planner.ts';
import { insertTrip } from '../domain/online.ts';
import { planDay } from '../domain/plan.ts';
import { createTurfTravelModel } from '../domain/travel.ts';
import { createRng } from '../engine/rng.ts';
import { generateScenario } from '../testing/scenario.ts';
import { defaultThreads, PlannerPool } from '../threads/pool.ts';
import { numberFlag, parseArgs } from './args.ts';

// pnpm bench:insert [--legs 500] [--vehicles 50] [--insertions 200] [--seed 1] [--during-plan]
// Plans a district day, then times inserting one new emergency trip into that live plan, each
// time from the same plan (what a dispatcher does when a 120 call comes in).
// --during-plan: meanwhile a day plan searches in planner threads on every core (as "plan the
// day" does on a server), and the event loop's delay is measured too.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { flags } = parseArgs(process.argv.slice(2));
const legs = numberFlag(flags, 'legs', 500);
const vehicles = numberFlag(flags, 'vehicles', 50);
const insertions = numberFlag(flags, 'insertions', 200);
const seed = numberFlag(flags, 'seed', 1);
const DAY = Date.UTC(2022, 3, 11) - 8 * 3600000;
const center: [number, number] = [121.47, 31.23];
const travel = createTurfTravelModel();
const { input, hospitals } = generateScenario(seed, {
  trips: Math.round(legs / 2),
  vehicles,
  hospitals: 4,
  center,
  spread: 0.05,
  day: DAY,
});
// All will-call returns released, so the plan really holds `legs` legs.
input.trips = input.trips.map((t) =>
  t.returnMode.kind === 'will_call' ? { ...t, returnMode: { kind: 'fixed', treatmentMinutes: 120 } } : t,
);
const plan = planDay({ input, travel, timeLimitMs: 5000, seed });
const duringPlan = flags.has('during-plan');
const pool = duringPlan ? new PlannerPool() : null;
let background = 0;
let insertionsDone = false;
let backgroundDone: Promise<void> = Promise.resolve();
const delay = monitorEventLoopDelay({ resolution: 1 });
if (pool) {
  await pool.ready(defaultThreads());
  // Day plans one after another on every core for as long as the insertions run.
  backgroundDone = (async () => {
    while (!insertionsDone) {
      await pool.run({ kind: 'plan', input, timeLimitMs: 2000, seed: seed + background }, defaultThreads());
      background++;
    }
  })();
  delay.enable();
}
const live = { input, plan };
const rng = createRng(seed + 99);
const times: number[] = [];
const cpu: number[] = [];
let placed = 0;
// A server inserts all day: the first calls (JIT warm-up) are not what a dispatcher waits for.
const WARMUP = 20;
for (let k = -WARMUP; k < insertions; k++) {
  const h = hospitals[rng.int(hospitals.length)]!;
  const at = DAY + (8 + rng.next() * 9) * 3600000;
  const trip: PlanTrip = {
    id: `E${k}`,
    gate: [center[0] + (rng.next() * 2 - 1) * 0.05, center[1] + (rng.next() * 2 - 1) * 0.05],
    hospitalId: h.id,
    hospitalEntrance: h.entrance,
    appointmentFrom: Math.round(at),
    appointmentTo: Math.round(at + 45 * 60000),
    mobility: rng.next() < 0.3 ? 'stretcher' : 'walk',
    infectionClass: 'normal',
    urgency: 'emergency',
    returnMode: { kind: 'will_call' },
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const next = insertTrip({ live, travel, trip });
  // Let the event loop turn between calls, as a server's does between requests.
  if (pool) await new Promise((resolve) => setImmediate(resolve));
  if (k < 0) continue;
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (!next.plan.unserved.some((u) => u.tripId === trip.id)) placed++;
}
insertionsDone = true;
delay.disable();
await backgroundDone;
await pool?.close();
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const q = (p: number, xs = times): number => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const load = (await import('node:os')).loadavg()[0]!;
const summary = {
  legsInPlan: plan.stats.legs,
  servedInPlan: plan.stats.served,
  vehicles,
  insertions,
  placed,
  p50ms: Math.round(q(0.5) * 100) / 100,
  p99ms: Math.round(q(0.99) * 100) / 100,
  maxMs: Math.round(times[times.length - 1]! * 100) / 100,
  cpuP50ms: Math.round(q(0.5, cpu) * 100) / 100,
  cpuP99ms: Math.round(q(0.99, cpu) * 100) / 100,
  loadAverage: Math.round(load * 10) / 10,
  ...(pool
    ? {
        backgroundPlans: background,
        plannerThreads: defaultThreads(),
        eventLoopDelayP99ms: Math.round((delay.percentile(99) / 1e6) * 100) / 100,
        eventLoopDelayMaxMs: Math.round((delay.max / 1e6) * 100) / 100,
      }
    : {}),
};
const lines = [
  '# Emergency insertion into a live district plan',
  '',
  `Generated ${new Date().toISOString()} by \`pnpm bench:insert${duringPlan ? ' --during-plan' : ''}\` (seed ${seed}); insertions on the main thread; after ${WARMUP} warm-up insertions.`,
  '',
  ...(pool
    ? [
        `While the insertions ran, ${summary.backgroundPlans} day plans of the same district (2 s each) searched one after another on ${summary.plannerThreads} planner threads. Event-loop delay meanwhile: p99 ${summary.eventLoopDelayP99ms} ms, max ${summary.eventLoopDelayMaxMs} ms. CPU figures are the whole process's, planner threads included.`,
        '',
      ]
    : []),
  '| legs in plan | vehicles | insertions | placed | p50 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms | load avg |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${summary.legsInPlan} | ${vehicles} | ${insertions} | ${placed} | ${summary.p50ms} | ${summary.p99ms} | ${summary.maxMs} | ${summary.cpuP50ms} | ${summary.cpuP99ms} | ${summary.loadAverage} |`,
  '',
  'Each insertion rebuilds the problem from the live plan (travel matrix memoised per point), keeps every',
  'planned leg on its vehicle in its order, and places the emergency at its cheapest feasible place on a',
  '120 ambulance. Not placed = no ambulance can make it without moving other legs. Wall-clock figures',
  'include waiting for the CPU on this shared 2-core machine (load average in the table); CPU figures do not.',
  '',
];
console.log(lines.join('\n'));
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
const base = duringPlan ? 'insert-during-plan' : 'insert';
writeFileSync(join(repoRoot, 'bench-results', `${base}.md`), lines.join('\n'));
writeFileSync(join(repoRoot, 'bench-results', `${base}.json`), `${JSON.stringify(summary, null, 2)}\n`);
