import { accounts, openDatabase, legs, requests, trips, vehicles, patients } from '@lastmeter/db';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../src/domain/auth/password.ts';
import { loadActor } from '../src/domain/auth/load-actor.ts';
import { seedDemoCity } from '../src/demo/seed-demo-city.ts';
import { generateDailyRequests } from '../src/domain/requests/generate-daily-requests.ts';
import { createRoundTrip } from '../src/domain/trips/create-round-trip.ts';
import { planDistrictDay } from '../src/domain/trips/plan-district-day.ts';

const now = process.env.DEMO_NOW ? new Date(process.env.DEMO_NOW) : new Date();
const date = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: 'memory://' });
const db = database.db;
let t = Date.now();
const city = await seedDemoCity({ db, hashPassword, now });
console.log('seeded', Date.now() - t, 'ms', city.patients, 'patients', city.vehicles, 'vehicles');
const [acc] = await db.select().from(accounts).where(eq(accounts.username, 'dispatcher'));
const actor = (await loadActor(db, acc!.id, { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(8.64e15) }, 'x'))!;
const gen = await generateDailyRequests({ db, actor, districtId: city.districtId, date });
console.log('date', date, 'generated', gen);
const reqs = await db.select().from(requests).where(eq(requests.date, date));
const failures = new Map<string, number>();
let created = 0;
t = Date.now();
for (const r of reqs) {
  try {
    await createRoundTrip({ db, actor, requestId: r.id, publish: () => {}, now });
    created++;
  } catch (e: any) {
    const code = `${r.service}:${e?.details?.reason?.code ?? e?.message}`;
    failures.set(code, (failures.get(code) ?? 0) + 1);
  }
}
console.log('trips', created, '/', reqs.length, 'in', Date.now() - t, 'ms; failures', Object.fromEntries(failures));
t = Date.now();
const plan = await planDistrictDay({ db, actor, districtId: city.districtId, input: { date }, publish: () => {}, now });
const reasons = new Map<string, number>();
for (const u of plan.unserved) reasons.set(u.reason.code, (reasons.get(u.reason.code) ?? 0) + 1);
console.log('plan', Date.now() - t, 'ms served', plan.served.length, 'unserved', plan.unserved.length, 'awaiting', plan.awaitingRelease.length, Object.fromEntries(reasons), plan.stats);
const rows = await db.execute(sql`select l.status, l.direction, p.mobility, p.infection_class, v.kind, count(*)::int n from legs l join patients p on p.id=l.patient_id left join vehicles v on v.id=l.vehicle_id group by 1,2,3,4,5 order by 1,2,3,4,5`);
console.table((rows as any).rows ?? rows);
if (process.env.VERBOSE) for (const u of plan.unserved) console.log(JSON.stringify(u.reason));
await database.close();
