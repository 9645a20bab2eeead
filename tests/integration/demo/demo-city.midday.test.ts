import { accounts, queryRows } from '@lastmeter/db';
import { planDemoDays, reviveDemoCity } from '@lastmeter/server/demo/plan-demo-days.ts';
import { type DemoCitySummary, seedDemoCity } from '@lastmeter/server/demo/seed-demo-city.ts';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { hashPassword } from '@lastmeter/server/domain/auth/password.ts';
import { createRoundTrip } from '@lastmeter/server/domain/trips/create-round-trip.ts';
import { planDistrictDay } from '@lastmeter/server/domain/trips/plan-district-day.ts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TIME_ZONE } from '../../support/calendar.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * The demo started in the middle of a clinic day (10:40 in Shanghai): what the first start does
 * (`planDemoDays`) gives upcoming jobs today and the next day; and when dispatch then books the
 * morning's requests too, planning reports them as past instead of booking vehicles back in time.
 */
let server: TestServer;
let city: DemoCitySummary;
const date = nextClinicDay(new Date());
const now = new Date(`${date}T10:40:00+08:00`);

beforeAll(async () => {
  server = await startTestServer();
  city = await seedDemoCity({ db: server.app.db, hashPassword, now });
});
afterAll(() => server.stop());

describe('the demo city started at 10:40', () => {
  it('plans the rest of today and the next clinic day through the use cases', {
    timeout: 180_000,
  }, async () => {
    const days = await planDemoDays({
      db: server.app.db,
      districtId: city.districtId,
      now,
      timeZone: CITY_TIME_ZONE,
      iterations: 1000,
    });
    expect(days.map((d) => d.date)[0]).toBe(date);
    for (const day of days) {
      expect(day.trips).toBeGreaterThan(10);
      expect(day.legsServed / (day.legsServed + day.legsUnserved)).toBeGreaterThanOrEqual(0.9);
      // Chronic patients' refills reach their gates: the demo shows the third way of care too.
      expect(day.deliveriesPlanned + day.deliveriesUnserved).toBe(6);
      expect(day.deliveriesPlanned).toBeGreaterThanOrEqual(5);
    }
    const [parcelsEarly] = await queryRows<{ n: number }>(
      server.app.db,
      sql`select count(*)::int as n from deliveries where status = 'assigned' and planned_pickup_at < ${now.toISOString()}::timestamptz`,
    );
    expect(parcelsEarly?.n).toBe(0);
    // Today's morning requests got no trip; everything booked lies ahead of now.
    expect(days[0]?.withoutTrip).toBeGreaterThan(0);
    const [early] = await queryRows<{ n: number }>(
      server.app.db,
      sql`select count(*)::int as n from legs where status = 'assigned' and planned_pickup_at < ${now.toISOString()}::timestamptz`,
    );
    expect(early?.n).toBe(0);
    // A restart the same day leaves the day as it is; only a new day is brought to life again.
    expect(await reviveDemoCity({ db: server.app.db, now, timeZone: CITY_TIME_ZONE })).toBeNull();
  });

  it('reports the morning’s trips as past (window_passed) and books nothing before now', async () => {
    const db = server.app.db;
    const [account] = await db.select().from(accounts).where(eq(accounts.username, 'dispatcher'));
    const session = { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(8.64e15) };
    const actor = await loadActor(db, account?.id ?? '', session, '127.0.0.1');
    if (!actor) throw new Error('no dispatcher');
    const open = await queryRows<{ id: string }>(
      db,
      sql`select r.id from requests r left join trips t on t.request_id = r.id
          where r.date = ${date} and r.serve_by = 'trip' and t.id is null and r.status in ('open', 'unserved')`,
    );
    // The demo's start already settled them as unserved (window passed) rather than leaving them open.
    expect(open.length).toBeGreaterThan(0);
    // Their round trips were made at dawn, while the appointments were still ahead, and never planned.
    const dawn = new Date(`${date}T05:00:00+08:00`);
    for (const r of open)
      await createRoundTrip({ db, actor, requestId: r.id, now: dawn, timeZone: CITY_TIME_ZONE });

    const plan = await planDistrictDay({
      db,
      actor,
      districtId: city.districtId,
      input: { date, seed: 3, iterations: 1000 },
      now,
      timeZone: CITY_TIME_ZONE,
    });
    const passed = plan.unserved.filter((u) => u.reason.code === 'window_passed');
    expect(passed.length).toBeGreaterThanOrEqual(open.length);
    const feasible = plan.served.length + plan.unserved.length - passed.length;
    expect(plan.served.length / feasible).toBeGreaterThanOrEqual(0.9);
    for (const s of plan.served) expect(Date.parse(s.pickupAt)).toBeGreaterThanOrEqual(now.getTime());
    const statuses = await queryRows<{ status: string }>(
      db,
      sql`select distinct r.status from legs l join trips t on t.id = l.trip_id
          join requests r on r.id = t.request_id
          where l.id in (${sql.join(
            passed.map((p) => sql`${p.legId}::uuid`),
            sql`, `,
          )})`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['unserved']);
  });
});

/** Tomorrow in Shanghai, or the day after when tomorrow is a Sunday. */
function nextClinicDay(from: Date): string {
  for (let days = 1; ; days++) {
    const date = new Date(from.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
}
