import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../soak/invariants.ts';
import { describeViolation, runSoak } from '../../soak/run.ts';
import { usingPostgres } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * A randomized lockdown day on a fixed set of seeds (tests/soak): registrations, requests,
 * emergencies, plans, manual and deliberately bad assignments, insertions, driver answers,
 * breakdowns, zone changes, every lifecycle step by the right and the wrong party, refusals,
 * cancellations and dropped sockets, through the real API and real sockets. After every operation
 * the database is checked against the day's invariants; at the end every socket's deliveries are
 * compared with the committed streams. `pnpm soak` runs longer days and prints the figures.
 */
const SEEDS = [1, 2];
/** PGlite runs in the test's own process: a shorter day keeps the file's time modest there. */
const OPERATIONS = usingPostgres ? 150 : 60;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

describe('a randomized lockdown day keeps every rule', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${OPERATIONS} operations, no invariant broken`, { timeout: 240_000 }, async () => {
      const report = await runSoak({ server, seed, ops: OPERATIONS });
      expect(report.operations).toBe(OPERATIONS);
      // The day did reach every part of the system, not only registrations.
      expect(Object.keys(report.byKind).length).toBeGreaterThanOrEqual(10);
      expect(report.checks).toBeGreaterThan(OPERATIONS * 7);
      // Every invariant is checked (none skipped): time guards on steps, lifecycle order across legs,
      // disinfection gaps (insertions included) and scope following live changes as much as the rest.
      expect(report.checked).toEqual([...INVARIANTS]);
      expect(report.violations.map(describeViolation)).toEqual([]);
    });
  }
});
