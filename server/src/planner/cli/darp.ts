import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultThreads, PlannerPool } from '../threads/pool.ts';
import { numberFlag, parseArgs, userPath } from './args.ts';

// pnpm darp <instance-file> [--time-limit S] [--iterations N] [--seed N] [--threads N] [--out FILE]
// Solves one Cordeau instance on --threads cooperating planner threads (default: the machine's
// cores) within a wall-clock budget; with --iterations (per thread) the result is reproducible.
const { positional, flags } = parseArgs(process.argv.slice(2));
const file = positional[0];
if (!file) {
  console.error(
    'usage: pnpm darp <instance-file> [--time-limit SECONDS] [--iterations N] [--seed N] [--threads N] [--out FILE]',
  );
  process.exit(2);
}
const timeLimit = numberFlag(flags, 'time-limit', 10);
const seed = numberFlag(flags, 'seed', 1);
const threads = numberFlag(flags, 'threads', defaultThreads());
const iterations = flags.has('iterations') ? numberFlag(flags, 'iterations', 0) : undefined;
const name = basename(file).replace(/\.txt$/, '');
const text = readFileSync(userPath(file), 'utf8');
const pool = new PlannerPool(threads);
await pool.ready(threads);
const {
  output: out,
  unserved,
  stats,
} = await pool.run(
  {
    kind: 'darp',
    name,
    text,
    timeLimitMs: timeLimit * 1000,
    seed,
    ...(iterations !== undefined ? { maxIterations: iterations } : {}),
  },
  threads,
);
await pool.close();
const json = `${JSON.stringify(out)}\n`;
const outFile = flags.get('out');
if (outFile) writeFileSync(userPath(outFile), json);
else process.stdout.write(json);
console.error(
  `${name}: cost=${out.cost.toFixed(2)} unserved=${unserved} routes=${out.routes.length} threads=${threads} iterations=${stats.iterations}/thread recombinations=${stats.recombinations ?? 0} time=${(stats.elapsedMs / 1000).toFixed(1)}s`,
);
