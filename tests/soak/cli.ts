import { parseArgs } from 'node:util';
import { startTestServer } from '../support/test-server.ts';
import { INVARIANTS, type Invariant } from './invariants.ts';
import { countByInvariant, describeViolation, runSoak } from './run.ts';

/**
 * `pnpm soak --seed N --ops M [--runs K] [--verbose]`: a randomized lockdown day (or K days, seeds
 * N … N+K−1) against a real server on PGlite, or on PostgreSQL when DATABASE_URL is set; prints the
 * figures — operations, invariant checks, violations per invariant — and each violation with the
 * seed and operation count that reproduce it. Exits 1 when any invariant was broken.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    ops: { type: 'string', default: '300' },
    runs: { type: 'string', default: '1' },
    skip: { type: 'string', default: '' },
    verbose: { type: 'boolean', default: false },
  },
});
const first = Number(values.seed);
const ops = Number(values.ops);
const runs = Number(values.runs);
const skip = values.skip
  .split(',')
  .filter((s): s is Invariant => (INVARIANTS as readonly string[]).includes(s));
if (!Number.isInteger(first) || !Number.isInteger(ops) || ops < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: pnpm soak --seed N --ops M [--runs K] [--skip invariant,…] [--verbose]');
  process.exit(2);
}

let broken = 0;
const totals = Object.fromEntries(INVARIANTS.map((i) => [i, 0])) as Record<Invariant, number>;
for (let seed = first; seed < first + runs; seed++) {
  const server = await startTestServer();
  const started = Date.now();
  try {
    const report = await runSoak({
      server,
      seed,
      ops,
      skip,
      ...(values.verbose ? { onOperation: (line: string) => console.log(line) } : {}),
    });
    const counts = countByInvariant(report);
    for (const i of INVARIANTS) totals[i] += counts[i];
    broken += report.violations.length;
    console.log(
      `\nseed ${seed} on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, policy ${report.policy}: ${report.operations} operations, ${
        report.httpCalls
      } HTTP calls, ${report.checks} invariant checks, ${report.violations.length} violations (${(
        (Date.now() - started) / 1000
      ).toFixed(1)} s)`,
    );
    const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `time: operations ${secs(report.timing.operationsMs)}, checks ${secs(report.timing.checksMs)}, waiting for deliveries ${secs(report.timing.deliveryMs)}`,
    );
    console.log(
      `operations: ${Object.entries(report.byKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    for (const i of INVARIANTS) console.log(`  ${i.padEnd(22)} ${counts[i]}`);
    for (const v of report.violations) console.log(`\n${describeViolation(v)}`);
  } finally {
    await server.stop();
  }
}
if (runs > 1) {
  console.log(`\nall ${runs} runs: ${broken} violations`);
  for (const i of INVARIANTS) console.log(`  ${i.padEnd(22)} ${totals[i]}`);
}
process.exit(broken ? 1 : 0);
