import { randomBytes } from 'node:crypto';
import { careNeeds, type Db, onlineVisits, requests } from '@lastmeter/db';
import { addDays, cityToday, weekdayAhead } from '../../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createPatient,
  validNationalId,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import type { TestServer } from '../../support/test-server.ts';

/** Every day of the week, 08:00–12:00, 8 places of 30 minutes: the online clinic tests book into. */
export const GENERAL_ONLINE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  service: 'general' as const,
  weekday,
  startTime: '08:00',
  endTime: '12:00',
  capacity: 8,
}));

/**
 * A district with a compound, its regular hospital and a farther one (both with desks), a gatekeeper of
 * the compound and one of another compound, a dispatcher, a driver; two chronic patients (one with a
 * regular hospital) and a dialysis patient. Online slots are published by the tests, through the API.
 */
export async function createCareWorld(server: TestServer) {
  const db: Db = server.app.db;
  const district = await createDistrict(db);
  const compound = await createCompound(db, district.id);
  const otherCompound = await createCompound(db, district.id, { name: '别的小区' });
  // The regular hospital is farther than the other one, so "regular first" is what picks it.
  const regular = await createHospital(db, {
    districtId: district.id,
    name: '常去医院',
    lng: 121.47,
    lat: 31.2,
    entranceLng: 121.47,
    entranceLat: 31.2,
  });
  const near = await createHospital(db, {
    districtId: district.id,
    name: '近处医院',
    lng: 121.437,
    lat: 31.189,
    entranceLng: 121.437,
    entranceLat: 31.189,
  });
  const accounts = {
    gatekeeper: await createAccount(db, 'gatekeeper', { compoundIds: [compound.id] }),
    otherGatekeeper: await createAccount(db, 'gatekeeper', { compoundIds: [otherCompound.id] }),
    dispatcher: await createAccount(db, 'dispatcher', { districtIds: [district.id] }),
    desk: await createAccount(db, 'hospital', { hospitalId: regular.id }),
    nearDesk: await createAccount(db, 'hospital', { hospitalId: near.id }),
    driver: await createAccount(db, 'driver'),
  };
  const tokens = Object.fromEntries(
    await Promise.all(
      Object.entries(accounts).map(
        async ([key, a]) => [key, await loginAs(server, a.username, a.password)] as const,
      ),
    ),
  ) as Record<keyof typeof accounts, string>;
  const consent = {
    givenBy: '本人',
    relation: 'self',
    at: new Date().toISOString(),
    purposes: ['transport'],
    recordedBy: null,
  };
  const chronic = await createPatient(db, compound.id, {
    name: '慢病甲',
    nationalId: validNationalId(),
    regularHospitalId: regular.id,
    gateId: compound.gate.id,
    consent,
  });
  const chronicNoRegular = await createPatient(db, compound.id, {
    name: '慢病乙',
    nationalId: validNationalId(),
    gateId: compound.gate.id,
    consent,
  });
  const dialysis = await createPatient(db, compound.id, {
    name: '透析丙',
    nationalId: validNationalId(),
    regularHospitalId: regular.id,
    gateId: compound.gate.id,
    consent,
  });
  const [chronicNeed] = await db
    .insert(careNeeds)
    .values({ patientId: chronic.id, kind: 'chronic', schedule: { medicineDelivery: false, visits: [] } })
    .returning();
  return {
    db,
    district,
    compound,
    otherCompound,
    regular,
    near,
    accounts,
    tokens,
    patients: { chronic, chronicNoRegular, dialysis },
    chronicNeed: chronicNeed!,
  };
}
export type CareWorld = Awaited<ReturnType<typeof createCareWorld>>;

/** A future clinic day, far enough that no clock question arises. */
export const visitDay = () => weekdayAhead(3);

/** A request of the day for a patient: a 09:30 appointment, served online unless said otherwise. */
export async function createCareRequest(
  db: Db,
  patientId: string,
  overrides: Partial<typeof requests.$inferInsert> & { date?: string } = {},
) {
  const date = overrides.date ?? visitDay();
  const [row] = await db
    .insert(requests)
    .values({
      patientId,
      service: 'general',
      date,
      windowStart: new Date(`${date}T09:00:00+08:00`),
      windowEnd: new Date(`${date}T09:30:00+08:00`),
      returnMode: 'fixed',
      treatmentMinutes: 30,
      serveBy: 'online_visit',
      source: 'schedule',
      ...overrides,
    })
    .returning();
  return row!;
}

/** A visit booked for today at the regular hospital, as booking would write it (the desk's day). */
export async function createTodaysVisit(w: CareWorld, patientId: string, time = '08:00') {
  const date = cityToday();
  const request = await createCareRequest(w.db, patientId, {
    date,
    status: 'planned',
    hospitalId: w.regular.id,
  });
  const [visit] = await w.db
    .insert(onlineVisits)
    .values({
      requestId: request.id,
      patientId,
      hospitalId: w.regular.id,
      service: 'general',
      date,
      slotStart: '08:00',
      startsAt: new Date(`${date}T${time}:00+08:00`),
      endsAt: new Date(new Date(`${date}T${time}:00+08:00`).getTime() + 30 * 60_000),
      joinToken: randomBytes(32).toString('base64url'),
    })
    .returning();
  return { request, visit: visit! };
}

export async function publishOnlineSlots(
  server: TestServer,
  token: string,
  hospitalId: string,
  slots = GENERAL_ONLINE,
) {
  return api(server, 'PUT', `/api/v1/hospitals/${hospitalId}/online-slots`, { token, body: { slots } });
}

export const tomorrowAt = (time: string) => `${addDays(cityToday(), 1)}T${time}:00+08:00`;
