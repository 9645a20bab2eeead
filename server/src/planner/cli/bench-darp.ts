import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCordeau, toDarpOutput } from '../darp/cordeau.ts';
import { search } from '../engine/alns.ts';
import { defaultThreads, PlannerPool } from '../threads/pool.ts';
import { numberFlag, parseArgs, userPath } from './args.ts';

// pnpm bench:darp [--set a|b|pr] [--only a2-16,pr01] [--time-limit S] [--seed N] [--threads N]
//                  [--clock wall|cpu] [--bench-dir DIR] [--out-dir DIR] [--save-as NAME] [--combine NAME,NAME…]
// Runs instances one at a time, each on --threads cooperating planner threads (default: the
// machine's cores) within a wall-clock budget, verifies every solution with the shared independent
// checker, prints a table and saves it as markdown, csv and json, with the load average at the start
// and end of each instance (the machine may be shared).
// --clock cpu budgets this process's CPU time instead, on one thread in this process.
// --combine merges tables saved earlier into one, solving nothing.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { flags } = parseArgs(process.argv.slice(2));
const benchDir = flags.has('bench-dir')
  ? userPath(flags.get('bench-dir')!)
  : resolve(repoRoot, '../shared/bench');
const outDir = flags.has('out-dir') ? userPath(flags.get('out-dir')!) : join(repoRoot, 'bench-results');
const seed = numberFlag(flags, 'seed', 1);
let cpuClock = flags.get('clock') === 'cpu';
let threads = cpuClock ? 1 : numberFlag(flags, 'threads', defaultThreads());
const clock = cpuClock
  ? (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : (): number => performance.now();
const checker = join(benchDir, 'darp-check.mjs');
if (!existsSync(checker)) {
  console.error(`benchmark folder not found: ${benchDir}`);
  process.exit(2);
}

interface Bks {
  bks: number;
  status: string;
}
const bks = new Map<string, Bks>();
for (const line of readFileSync(join(benchDir, 'darp/bks.csv'), 'utf8').split(/\r?\n/).slice(1)) {
  const cols = line.split(',');
  if (cols.length >= 8) bks.set(cols[0]!, { bks: Number(cols[6]), status: cols[7]! });
}

const setOf = (name: string): 'a' | 'b' | 'pr' =>
  name.startsWith('pr') ? 'pr' : name.startsWith('a') ? 'a' : 'b';
const order = (name: string): [number, number, number] => {
  const m = /^(a|b|pr)(\d+)(?:-(\d+))?$/.exec(name);
  const set = setOf(name);
  return [set === 'a' ? 0 : set === 'b' ? 1 : 2, Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
};
let names = readdirSync(join(benchDir, 'darp'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''))
  .sort((x, y) => {
    const a = order(x);
    const b = order(y);
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  });
const only = flags.get('only');
if (only) {
  const want = new Set(only.split(','));
  names = names.filter((n) => want.has(n));
}
const set = flags.get('set');
if (set) names = names.filter((n) => setOf(n) === set);

interface Row {
  instance: string;
  set: 'a' | 'b' | 'pr';
  cost: number;
  bks: number;
  bksStatus: string;
  gap: number;
  /** Elapsed on the budget's clock (CPU time with --clock cpu). */
  seconds: number;
  wallSeconds: number;
  iterations: number;
  feasible: boolean;
  /** 1-minute load average at the start and at the end of the instance's run. */
  load: number;
  loadEnd?: number;
  threads?: number;
}
const rows: Row[] = [];
const combine = flags.get('combine');
if (combine) {
  for (const part of combine.split(',')) {
    const saved = JSON.parse(readFileSync(join(outDir, `${part}.json`), 'utf8')) as {
      rows: Row[];
      clock?: 'cpu' | 'wall';
      threads?: number;
    };
    rows.push(...saved.rows);
    if (saved.clock === 'cpu') cpuClock = true;
    threads = saved.threads ?? 1;
  }
  names = [];
}
mkdirSync(join(outDir, 'darp-solutions'), { recursive: true });
if (names.length > 0) {
  console.log('| instance | cost | BKS | gap % | seconds | feasible |');
  console.log('|---|---:|---:|---:|---:|---|');
}
const pool = cpuClock || names.length === 0 ? null : new PlannerPool(threads);
// Threads start before the clock runs: a server's planner threads are up before a plan is asked for.
await pool?.ready(threads);
for (const name of names) {
  const file = join(benchDir, 'darp', `${name}.txt`);
  const s = setOf(name);
  const limit = numberFlag(flags, 'time-limit', s === 'pr' ? 60 : 10);
  const text = readFileSync(file, 'utf8');
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const { output: out, stats } = pool
    ? await pool.run({ kind: 'darp', name, text, timeLimitMs: limit * 1000, seed }, threads)
    : (() => {
        const ci = parseCordeau(name, text);
        const { best, stats } = search(ci.instance, { timeLimitMs: limit * 1000, seed, clock });
        return { output: toDarpOutput(ci, best), stats };
      })();
  const seconds = (performance.now() - t0) / 1000;
  const solFile = join(outDir, 'darp-solutions', `${name}.json`);
  writeFileSync(solFile, `${JSON.stringify(out)}\n`);
  const check = spawnSync('node', [checker, file, solFile, '--json'], { encoding: 'utf8' });
  const verdict = {
    feasible: false,
    cost: out.cost,
    ...(JSON.parse(check.stdout || '{}') as { feasible?: boolean; cost?: number }),
  };
  const ref = bks.get(name) ?? { bks: Number.NaN, status: 'unknown' };
  const row: Row = {
    instance: name,
    set: s,
    cost: verdict.cost,
    bks: ref.bks,
    bksStatus: ref.status,
    // Costs equal to the BKS up to its two printed decimals count as a zero gap, not "-0.00".
    gap: Math.abs(verdict.cost - ref.bks) < 0.005 ? 0 : (100 * (verdict.cost - ref.bks)) / ref.bks,
    seconds: stats.elapsedMs / 1000,
    wallSeconds: seconds,
    iterations: stats.iterations,
    feasible: verdict.feasible && check.status === 0,
    load,
    loadEnd: loadavg()[0]!,
    threads,
  };
  rows.push(row);
  console.log(
    `| ${name} | ${row.cost.toFixed(2)} | ${row.bks.toFixed(2)} | ${row.gap.toFixed(2)} | ${row.seconds.toFixed(1)} | ${row.feasible ? 'yes' : 'NO'} |`,
  );
}

function loadRange(rs: readonly Row[]): string {
  const all = rs.flatMap((r) => [r.load, r.loadEnd ?? r.load]);
  if (all.length === 0) return 'unknown';
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return `${Math.min(...all).toFixed(1)}–${Math.max(...all).toFixed(1)}, mean ${mean.toFixed(1)}`;
}

const summary = (['a', 'b', 'pr'] as const)
  .map((s) => {
    const r = rows.filter((x) => x.set === s);
    if (r.length === 0) return null;
    const mean = r.reduce((acc, x) => acc + x.gap, 0) / r.length;
    const worst = Math.max(...r.map((x) => x.gap));
    const feasible = r.filter((x) => x.feasible).length;
    return { set: s, instances: r.length, meanGap: mean, worstGap: worst, feasible };
  })
  .filter((x) => x !== null);
const lines = [
  `# DARP benchmark (Cordeau sets), seed ${seed}`,
  '',
  `Generated ${new Date().toISOString()} by \`pnpm bench:darp${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\`${combine ? `, merged from ${combine}` : ''}; ${cpuClock ? 'CPU-time budget, one thread' : `wall-clock budget, ${threads} cooperating planner thread${threads === 1 ? '' : 's'} per instance`} on a ${cpus().length}-core machine; feasibility checked by \`../shared/bench/darp-check.mjs\`. The machine was shared: 1-min load average ${loadRange(rows)} (start and end of each instance in the table).`,
  '',
  '| set | instances | feasible | mean gap % | worst gap % |',
  '|---|---:|---:|---:|---:|',
  ...summary.map(
    (s) =>
      `| ${s.set} | ${s.instances} | ${s.feasible}/${s.instances} | ${s.meanGap.toFixed(2)} | ${s.worstGap.toFixed(2)} |`,
  ),
  '',
  '| instance | cost | BKS | BKS status | gap % | budget s | wall s | iterations | feasible | load start → end |',
  '|---|---:|---:|---|---:|---:|---:|---:|---|---:|',
  ...rows.map(
    (r) =>
      `| ${r.instance} | ${r.cost.toFixed(2)} | ${r.bks.toFixed(2)} | ${r.bksStatus} | ${r.gap.toFixed(2)} | ${r.seconds.toFixed(1)} | ${(r.wallSeconds ?? r.seconds).toFixed(1)} | ${r.iterations} | ${r.feasible ? 'yes' : 'NO'} | ${r.load.toFixed(1)} → ${(r.loadEnd ?? r.load).toFixed(1)} |`,
  ),
  '',
];
console.log(lines.slice(4, 6 + summary.length).join('\n'));
const base = flags.get('save-as') ?? 'darp';
writeFileSync(join(outDir, `${base}.md`), lines.join('\n'));
writeFileSync(
  join(outDir, `${base}.csv`),
  `instance,cost,bks,bks_status,gap_pct,seconds,wall_seconds,iterations,feasible,load,load_end,threads\n${rows
    .map(
      (r) =>
        `${r.instance},${r.cost.toFixed(4)},${r.bks},${r.bksStatus},${r.gap.toFixed(4)},${r.seconds.toFixed(2)},${(r.wallSeconds ?? r.seconds).toFixed(2)},${r.iterations},${r.feasible},${r.load.toFixed(2)},${(r.loadEnd ?? r.load).toFixed(2)},${r.threads ?? 1}`,
    )
    .join('\n')}\n`,
);
writeFileSync(
  join(outDir, `${base}.json`),
  `${JSON.stringify({ seed, clock: cpuClock ? 'cpu' : 'wall', threads, summary, rows }, null, 2)}\n`,
);
await pool?.close();
