import { openDatabase, queryRows } from '@lastmeter/db';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/database.ts';

/** The same migrations serve both drivers: the embedded default always, PostgreSQL when configured. */
const targets = [
  { name: 'PGlite', postgres: false },
  ...(process.env.DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

describe.each(targets)('migrations on $name', ({ postgres }) => {
  it('apply cleanly to an empty database, keep the booking invariants, and re-apply as a no-op', {
    timeout: 180_000,
  }, async () => {
    const database = postgres
      ? await createTestDatabase()
      : { url: undefined, dataDir: 'memory://', drop: async () => {} };
    try {
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
      // The audit log is append-only.
      await first.db.execute(
        sql`insert into audit_log (actor_role, action, entity, outcome) values ('admin', 'read', 'patient', 'allowed')`,
      );
      await expect(first.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
      await expect(first.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      await first.close();
      if (database.url) {
        const again = await openDatabase({ url: database.url });
        const [count] = await queryRows<{ n: number }>(
          again.db,
          sql`select count(*)::int as n from audit_log`,
        );
        expect(count?.n).toBe(1);
        await again.close();
      }
    } finally {
      await database.drop();
    }
  });
});
