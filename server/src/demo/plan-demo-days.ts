import { accounts, careNeeds, compounds, type Db, districts, patients, requests } from '@lastmeter/db';
import { addDays, cityClockOf, cityDateOf, isoWeekdayOf } from '@lastmeter/shared';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../domain/actor.ts';
import { loadActor } from '../domain/auth/load-actor.ts';
import { createPrescription } from '../domain/deliveries/create-prescription.ts';
import { createRequest } from '../domain/requests/create-request.ts';
import { generateDailyRequests } from '../domain/requests/generate-daily-requests.ts';
import { planDistrictDay } from '../domain/trips/plan-district-day.ts';
import { XUHUI } from './xuhui.ts';

const SEED_SESSION = { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(8.64e15) };

export interface DemoDay {
  date: string;
  requests: number;
  trips: number;
  /** Requests left without a trip: their window has passed, or no hospital could take them. */
  withoutTrip: number;
  legsServed: number;
  legsUnserved: number;
  /** Medicine deliveries to chronic patients' gates, planned with the legs. */
  deliveriesPlanned: number;
  deliveriesUnserved: number;
}

/**
 * Makes a freshly seeded demo city alive: the dispatcher generates today's requests and the next
 * clinic day's (Sunday has almost none), and plans both days — which creates the round trips of the
 * requests still ahead of `now` (hospital matched with a reason) — all through the same use cases the API
 * runs, so the map, the drivers' job lists, the gate schedules and the arrivals board have content at
 * once, whatever time of day the demo starts. Requests of today already past stay in the queue.
 */
export async function planDemoDays({
  db,
  districtId,
  now,
  timeZone,
  iterations = 2000,
}: {
  db: Db;
  districtId: string;
  now: Date;
  /** The city's time zone (config `TIME_ZONE`): which days are today and the next. */
  timeZone: string;
  /** Planner effort per day; a cap keeps the first start short and the demo reproducible. */
  iterations?: number;
}): Promise<DemoDay[]> {
  const actor = await dispatcher(db);
  const today = cityDateOf(now, timeZone);
  const next = addDays(today, isoWeekdayOf(addDays(today, 1)) === 7 ? 2 : 1);
  const days: DemoDay[] = [];
  for (const date of [today, next]) {
    await generateDailyRequests({ db, actor, districtId, date, timeZone });
    if (date === today) await raiseSameDayRequests(db, actor, districtId, now, timeZone);
    await prescribeChronicMedicines(db, actor, districtId, date, now, timeZone);
    // Planning the day creates the round trips of the requests still ahead of now, then plans them.
    const plan = await planDistrictDay({
      db,
      actor,
      districtId,
      input: { date, seed: 1, iterations },
      now,
      timeZone,
    });
    const total = await db.$count(requests, eq(requests.date, date));
    days.push({
      date,
      requests: total,
      trips: plan.trips.created,
      withoutTrip: total - plan.trips.created,
      legsServed: plan.served.length,
      legsUnserved: plan.unserved.length,
      deliveriesPlanned: plan.deliveries.served.length,
      deliveriesUnserved: plan.deliveries.unserved.length,
    });
  }
  return days;
}

/**
 * What a day brings besides the schedules, placed after `now` so even an evening start has jobs in
 * motion: two emergencies (120 ambulances, any hour) and, in clinic hours, a few one-off outpatient
 * visits for chronic patients — raised as a dispatcher would, through `createRequest`.
 */
async function raiseSameDayRequests(
  db: Db,
  actor: Actor,
  districtId: string,
  now: Date,
  timeZone: string,
): Promise<void> {
  const chronic = await db
    .select({ id: patients.id })
    .from(patients)
    .innerJoin(careNeeds, eq(careNeeds.patientId, patients.id))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(
      and(eq(compounds.districtId, districtId), eq(careNeeds.kind, 'chronic'), eq(patients.status, 'active')),
    )
    .orderBy(asc(patients.createdAt), asc(patients.id));
  const [first, second, ...others] = chronic;
  for (const [patient, inMinutes] of [
    [first, 20],
    [second, 50],
  ] as const) {
    if (!patient) continue;
    const at = new Date(now.getTime() + inMinutes * 60_000);
    await createRequest({
      db,
      actor,
      patientId: patient.id,
      input: { urgency: 'emergency', service: 'emergency', windowStart: at.toISOString() },
      now,
      timeZone,
    });
  }
  let visits = 0;
  for (let inMinutes = 75; inMinutes <= 300 && visits < others.length && visits < 6; inMinutes += 30) {
    const at = new Date(Math.round((now.getTime() + inMinutes * 60_000) / 300_000) * 300_000);
    if (!inClinicHours(at, timeZone)) continue;
    const patient = others[visits++];
    if (!patient) break;
    await createRequest({
      db,
      actor,
      patientId: patient.id,
      input: {
        urgency: 'scheduled',
        service: 'general',
        windowStart: new Date(at.getTime() - 30 * 60_000).toISOString(),
        windowEnd: at.toISOString(),
        returnMode: 'fixed',
        treatmentMinutes: 60,
      },
      now,
      timeZone,
    });
  }
}

/** What a stable chronic patient's monthly refill looks like: a few lines from this list. */
const REFILLS = [
  { name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次，每次一片，随餐服用' },
  { name: '苯磺酸氨氯地平片', quantity: '28片', instructions: '每日一次，每次一片' },
  { name: '阿托伐他汀钙片', quantity: '28片', instructions: '每晚一次，每次一片' },
  { name: '缬沙坦胶囊', quantity: '28粒', instructions: '每日一次，每次一粒' },
  { name: '阿司匹林肠溶片', quantity: '30片', instructions: '每日一次，早餐前服用' },
  { name: '甘精胰岛素注射液', quantity: '3支', instructions: '冷藏保存；按医嘱剂量睡前皮下注射' },
] as const;
const DELIVERIES_PER_DAY = 6;
/** A same-day delivery needs time for the pharmacy and a vehicle: none is raised later than this. */
const LAST_SAME_DAY_MINUTE = 15 * 60;

/**
 * Chronic patients served by medicine delivery (`{ medicineDelivery: true }`) get their refills
 * brought to the gate (issue 12): a few prescriptions a day, filled at each patient's regular
 * hospital, entered as a dispatcher takes them down (`createPrescription`), so planning the day puts
 * the parcels on vehicles beside the legs. The patients are taken from the end of the chronic list,
 * away from those the same-day requests use; an evening start leaves today's out.
 */
async function prescribeChronicMedicines(
  db: Db,
  actor: Actor,
  districtId: string,
  date: string,
  now: Date,
  timeZone: string,
): Promise<void> {
  const [hour = 0, minute = 0] = cityClockOf(now, timeZone).split(':').map(Number);
  if (date === cityDateOf(now, timeZone) && hour * 60 + minute > LAST_SAME_DAY_MINUTE) return;
  const chronic = await db
    .select({ id: patients.id, hospitalId: patients.regularHospitalId })
    .from(patients)
    .innerJoin(careNeeds, eq(careNeeds.patientId, patients.id))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(
      and(
        eq(compounds.districtId, districtId),
        eq(careNeeds.kind, 'chronic'),
        eq(careNeeds.active, true),
        sql`${careNeeds.schedule} ->> 'medicineDelivery' = 'true'`,
        eq(patients.status, 'active'),
      ),
    )
    .orderBy(desc(patients.createdAt), desc(patients.id));
  const withHospital = chronic.filter((p): p is { id: string; hospitalId: string } => p.hospitalId !== null);
  // Today's and the next day's refills go to different households.
  const offset = date === cityDateOf(now, timeZone) ? 0 : DELIVERIES_PER_DAY;
  for (const [index, patient] of withHospital.slice(offset, offset + DELIVERIES_PER_DAY).entries()) {
    const lines = [REFILLS[index % REFILLS.length]!, REFILLS[(index + 2) % REFILLS.length]!];
    await createPrescription({
      db,
      actor,
      patientId: patient.id,
      input: { hospitalId: patient.hospitalId, items: lines.map((l) => ({ ...l })), date, note: '' },
      now,
      timeZone,
    });
  }
}

/** Inside the outpatient half-days (08:00–12:00, 13:00–17:00, Monday to Saturday), with room to spare. */
function inClinicHours(at: Date, timeZone: string): boolean {
  const [hour = 0, min = 0] = cityClockOf(at, timeZone).split(':').map(Number);
  const minute = hour * 60 + min;
  return (
    isoWeekdayOf(cityDateOf(at, timeZone)) !== 7 &&
    ((minute >= 8 * 60 + 30 && minute <= 11 * 60 + 45) || (minute >= 13 * 60 + 30 && minute <= 16 * 60 + 45))
  );
}

/**
 * On a start of the demo: when the demo district has no request yet today (a first start, or the
 * first start of a new day on a kept data folder), brings the day to life with `planDemoDays`.
 * Returns null when there was nothing to do.
 */
export async function reviveDemoCity({
  db,
  now,
  timeZone,
}: {
  db: Db;
  now: Date;
  timeZone: string;
}): Promise<DemoDay[] | null> {
  const [district] = await db
    .select({ id: districts.id })
    .from(districts)
    .where(eq(districts.code, XUHUI.code));
  if (!district) return null;
  const [today] = await db
    .select({ id: requests.id })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .where(and(eq(compounds.districtId, district.id), eq(requests.date, cityDateOf(now, timeZone))))
    .limit(1);
  if (today) return null;
  // Only the demo's own city: its dispatcher login must still be there and cover the district.
  const actor = await dispatcher(db).catch(() => null);
  if (!actor?.districtIds.includes(district.id)) return null;
  return planDemoDays({ db, districtId: district.id, now, timeZone });
}

async function dispatcher(db: Db): Promise<Actor> {
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.username, 'dispatcher'), eq(accounts.role, 'dispatcher')));
  const actor = account ? await loadActor(db, account.id, SEED_SESSION, 'demo-seed') : null;
  if (!actor) throw new Error('The demo city has no dispatcher account');
  return actor;
}
