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
          maxWorkers: 1,
        },
      },
    ],
  },
});
