import { defineConfig } from 'vitest/config';

// Three tiers (CODE_STYLE.md 11): pure unit tests next to the code, integration tests against a real
// server + database + socket clients, and browser tests in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'db/src/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          environment: 'node',
          // Tiers run in order, cheapest first, so a broken rule fails fast.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          // One module graph per worker, not one per file (each file still has its own servers and
          // databases): the tier took 378 s with a fresh graph per file, 197 s so (2026-12-05, 2 cores).
          // What a later file could inherit: per-server state belongs on the server's AppContext (as
          // the rate limits do, server/src/domain/public/public-limits.ts); the little module state
          // left (travel model, notice settings) is set again by every server start.
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // The browser tests load the built web app: build it once when it is missing or stale.
          globalSetup: ['tests/browser/support/web-dist.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // One file at a time, in one module graph instead of a fresh one per file (each file still has
          // its own database, server and Chromium): imports took about 170 s of the tier's 761 s.
          // Two files at a time ran it in 564 s, but in one run of four the closed loop
          // (tests/browser/closed-loop.test.ts) then failed on a driver step that never showed, likely
          // two Chromiums starving each other on 2 cores (2026-12-05).
          maxWorkers: 1,
          isolate: false,
        },
      },
    ],
  },
});
