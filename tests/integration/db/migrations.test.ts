import { openDatabase, queryRows } from '@lastmeter/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe(`migrations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('apply cleanly to an empty database, and again as a no-op', async () => {
    const first = await openDatabase({ url: database.url, dataDir: database.dataDir });
    const tables = (
      await queryRows<{ table_name: string }>(
        first.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      )
    ).map((r) => r.table_name);
    for (const t of [
      'accounts',
      'audit_log',
      'compounds',
      'legs',
      'patients',
      'stream_events',
      'trips',
      'zones',
    ]) {
      expect(tables).toContain(t);
    }
    // Drift test: the no-double-booking invariants live in the database as exclusion constraints.
    const names = (
      await queryRows<{ conname: string }>(
        first.db,
        sql`select conname from pg_constraint where contype = 'x' order by conname`,
      )
    ).map((r) => r.conname);
    expect(names).toEqual(['legs_no_driver_overlap', 'legs_no_patient_overlap', 'legs_no_vehicle_overlap']);
    await first.close();
    if (database.url) {
      const again = await openDatabase({ url: database.url });
      await again.close();
    }
  });
});
