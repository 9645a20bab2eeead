import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedBench = resolve(repoRoot, '../shared/bench');
const haveBench = existsSync(join(sharedBench, 'darp-check.mjs'));
// The checker runs its main only when invoked by its real path (a symlinked shared/ would silence it).
const benchDir = haveBench ? realpathSync(sharedBench) : sharedBench;
if (!haveBench)
  console.warn(`skipping the DARP CLI test: ${sharedBench} (shared benchmark data) is not there`);

describe.skipIf(!haveBench)('pnpm darp', () => {
  it('solves a2-16 and the shared independent checker accepts the output', { timeout: 60_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'darp-')), 'a2-16.json');
    const instance = join(benchDir, 'darp', 'a2-16.txt');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'server/src/planner/cli/darp.ts'),
        instance,
        '--time-limit',
        '1',
        '--out',
        out,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const solution = JSON.parse(readFileSync(out, 'utf8')) as {
      instance: string;
      cost: number;
      routes: unknown[];
    };
    expect(solution.instance).toBe('a2-16');
    const check = spawnSync(process.execPath, [join(benchDir, 'darp-check.mjs'), instance, out, '--json'], {
      encoding: 'utf8',
    });
    const verdict = JSON.parse(check.stdout) as { feasible: boolean; cost: number; errors: string[] };
    expect(verdict.errors).toEqual([]);
    expect(verdict.feasible).toBe(true);
    expect(check.status).toBe(0);
    expect(verdict.cost).toBeCloseTo(solution.cost, 6);
  });
});
