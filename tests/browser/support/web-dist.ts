import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasChromium } from './chromium.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REPO_ROOT = root;
/** The built web app the test server serves, as `pnpm start` does. */
export const WEB_DIST = join(root, 'web/dist');
/** Screenshots and failure captures (gitignored). */
export const RESULTS_DIR = join(root, 'test-results');
const INDEX = join(WEB_DIST, 'index.html');
/** What the bundle is made from: the app and the shared contracts it imports. */
const SOURCES = [join(root, 'web/src'), join(root, 'shared/src'), join(root, 'web/index.html')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webDistIsStale(): boolean {
  if (!existsSync(INDEX)) return true;
  const built = statSync(INDEX).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestMtime(source) > built);
}

/** Vitest globalSetup of the browser project: build the web app once when it is missing or older than its sources. */
export default function buildWebIfStale(): void {
  // Without a browser the tests skip; a machine with only Node need not build anything for them.
  if (!hasChromium || !webDistIsStale()) return;
  console.log('[browser tests] web/dist is missing or stale: vite build in web/');
  // The web package's own Vite, run by this Node: works whether or not pnpm is on PATH (`npx vitest`).
  const manifest = createRequire(join(root, 'web/package.json')).resolve('vite/package.json');
  const vite = join(dirname(manifest), 'bin/vite.js');
  execFileSync(process.execPath, [vite, 'build'], { cwd: join(root, 'web'), stdio: 'inherit' });
}
