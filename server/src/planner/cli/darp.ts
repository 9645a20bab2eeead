import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCordeau, toDarpOutput } from '../darp/cordeau.ts';
import { search } from '../engine/alns.ts';
import { numberFlag, parseArgs, userPath } from './args.ts';

// pnpm darp <instance-file> [--time-limit S] [--seed N] [--out FILE]
const { positional, flags } = parseArgs(process.argv.slice(2));
const file = positional[0];
if (!file) {
  console.error('usage: pnpm darp <instance-file> [--time-limit SECONDS] [--seed N] [--out FILE]');
  process.exit(2);
}
const timeLimit = numberFlag(flags, 'time-limit', 10);
const seed = numberFlag(flags, 'seed', 1);
const name = basename(file).replace(/\.txt$/, '');
const ci = parseCordeau(name, readFileSync(userPath(file), 'utf8'));
const { best, stats } = search(ci.instance, { timeLimitMs: timeLimit * 1000, seed });
const out = toDarpOutput(ci, best);
const json = `${JSON.stringify(out)}\n`;
const outFile = flags.get('out');
if (outFile) writeFileSync(userPath(outFile), json);
else process.stdout.write(json);
console.error(
  `${name}: cost=${out.cost.toFixed(2)} unserved=${best.unserved.length} routes=${out.routes.length} iterations=${stats.iterations} time=${(stats.elapsedMs / 1000).toFixed(1)}s`,
);
