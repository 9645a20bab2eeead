import { randomUUID } from 'node:crypto';
import { accounts, type Db, requests, trips } from '@lastmeter/db';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { assignLeg } from '@lastmeter/server/domain/trips/assign-leg.ts';
import { createRoundTrip } from '@lastmeter/server/domain/trips/create-round-trip.ts';
import type { LegView, Mobility, TripView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { translate } from '../../../web/src/i18n/messages.ts';
import { addDays, CITY_TIME_ZONE, cityToday as calendarToday, isoWeekdayOf } from '../../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createHospitalSlot,
  createVehicle,
  square,
  validNationalId,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import type { TestServer } from '../../support/test-server.ts';

/** What a page says in Chinese, from the app's own dictionary, so tests assert what users read. */
export const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('zh-CN', key, params);
export const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

export interface Person {
  username: string;
  password: string;
}

/**
 * A small district with one of everything each role needs: a compound with its gate and gatekeeper,
 * a dialysis hospital open every day with its desk account, a volunteer car with its driver on duty all
 * day, and a dispatcher for the district.
 */
export async function seedDistrict(db: Db) {
  const district = await createDistrict(db, { name: '徐汇区', center: [121.4365, 31.1885] });
  const compound = await createCompound(db, district.id, {
    name: '田林十二村',
    boundary: square(121.43, 31.17, 0.002),
  });
  const hospital = await createHospital(db, {
    districtId: district.id,
    name: '徐汇区中心医院',
    lng: 121.45,
    lat: 31.19,
  });
  for (let weekday = 1; weekday <= 7; weekday++) {
    await createHospitalSlot(db, hospital.id, {
      weekday,
      startTime: '00:00',
      endTime: '23:59',
      capacity: 20,
    });
  }
  // A community van with wheelchair places: the patients these tests book come in wheelchairs, and
  // the schedule gate refuses a wheelchair patient on a car without a place for one.
  const vehicle = await createVehicle(db, district.id, {
    plate: '沪A·D1234',
    wheelchairPlaces: 2,
    shiftStart: '00:00',
    shiftEnd: '23:59',
  });
  const gatekeeper = await createAccount(db, 'gatekeeper', { compoundIds: [compound.id] }, 'gatekeeper1');
  const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] }, 'dispatcher');
  const driver = await createAccount(db, 'driver', { vehicleId: vehicle.id }, 'driver1');
  const hospitalDesk = await createAccount(db, 'hospital', { hospitalId: hospital.id }, 'hospital1');
  const admin = await createAccount(db, 'admin', {}, 'admin');
  const person = (account: { username: string; password: string }): Person => ({
    username: account.username,
    password: account.password,
  });
  return {
    district,
    compound,
    hospital,
    vehicle,
    people: {
      gatekeeper: person(gatekeeper),
      dispatcher: person(dispatcher),
      driver: person(driver),
      hospital: person(hospitalDesk),
      admin: person(admin),
    },
  };
}
export type SeededDistrict = Awaited<ReturnType<typeof seedDistrict>>;

/** Today's date in the city and its ISO weekday (1 = Monday). */
export function cityToday(now = new Date()): { date: string; weekday: number } {
  const date = calendarToday(now);
  return { date, weekday: isoWeekdayOf(date) };
}

export { addDays };

/**
 * A dialysis patient registered, the day's request generated (today unless `date` says otherwise), the
 * round trip created and both legs booked onto the district's car (or left unbooked), through the API,
 * as the people of each role would: pages under test then have real work to show.
 */
export async function bookDialysisRoundTrip(
  server: TestServer,
  city: SeededDistrict,
  patient: { name: string; startTime: string; mobility?: Mobility },
  {
    date = cityToday().date,
    vehicleId = city.vehicle.id,
  }: {
    /** The day of the session (default today in the city). */
    date?: string;
    /** The vehicle both legs are booked onto; `null` leaves them in the queue for the planner. */
    vehicleId?: string | null;
  } = {},
): Promise<{ patientId: string; tripId: string; legIds: { outbound: string; return: string } }> {
  const weekday = isoWeekdayOf(date);
  const gatekeeper = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
  const dispatcher = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
  const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await api<T>(server, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const registered = await call<{ id: string }>(
    gatekeeper,
    'POST',
    `/api/v1/compounds/${city.compound.id}/patients`,
    {
      name: patient.name,
      nationalId: validNationalId('1955-06-15', 'female'),
      phone: '13812345678',
      gateId: city.compound.gate.id,
      building: '12',
      unit: '3',
      room: '402',
      mobility: patient.mobility ?? 'wheelchair',
      companions: 1,
      consent: {
        givenBy: patient.name,
        relation: 'self',
        purposes: ['registry', 'transport', 'share_with_hospital'],
      },
      needs: [{ kind: 'dialysis', schedule: { weekdays: [weekday], startTime: patient.startTime } }],
    },
  );
  await call(dispatcher, 'POST', '/api/v1/requests/generate', { districtId: city.district.id, date });
  const requests = await call<{ id: string; patientId: string }[]>(
    dispatcher,
    'GET',
    `/api/v1/requests?date=${date}&districtId=${city.district.id}`,
  );
  const request = requests.find((r) => r.patientId === registered.id);
  if (!request) throw new Error('no request generated for the patient');
  const appointment = new Date(`${date}T${patient.startTime}:00+08:00`);
  const trip = await roundTrip(server, city, request.id, appointment, () =>
    call<{ id: string; outbound: { id: string }; return: { id: string } }>(
      dispatcher,
      'POST',
      `/api/v1/requests/${request.id}/trip`,
    ),
  );
  if (vehicleId) {
    for (const leg of [trip.outbound, trip.return]) {
      await assign(server, city, leg.id, vehicleId, appointment, () =>
        call(dispatcher, 'POST', `/api/v1/legs/${leg.id}/assign`, { vehicleId }),
      );
    }
  }
  return {
    patientId: registered.id,
    tripId: trip.id,
    legIds: { outbound: trip.outbound.id, return: trip.return.id },
  };
}

/** The trip's request made an emergency (dispatch's call): every screen must mark it. */
export async function markEmergency(server: TestServer, tripId: string): Promise<void> {
  const db = server.app.db;
  const [trip] = await db.select({ requestId: trips.requestId }).from(trips).where(eq(trips.id, tripId));
  if (!trip) throw new Error('no such trip');
  await db.update(requests).set({ urgency: 'emergency' }).where(eq(requests.id, trip.requestId));
}

/**
 * Steps on one leg through the API, each by the person whose token it carries and with the leg's
 * current version, as the phones send them; any refusal fails the setup, naming the step.
 */
export async function takeSteps(
  server: TestServer,
  legId: string,
  steps: readonly (readonly [token: string, step: string, extra?: Record<string, unknown>])[],
): Promise<void> {
  for (const [token, step, extra] of steps) {
    const current = await api<LegView>(server, 'GET', `/api/v1/legs/${legId}`, { token });
    const res = await api(server, 'POST', `/api/v1/legs/${legId}/${step}`, {
      token,
      body: { version: current.body.version, ...extra },
    });
    if (res.status >= 300) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * The round trip through the API while the session is still ahead. A session earlier today would be
 * refused (its appointment has passed), so it is booked as dispatch would have done the day before —
 * the use case with the clock a day back — and pages still have today's work to show.
 */
async function roundTrip<T>(
  server: TestServer,
  city: SeededDistrict,
  requestId: string,
  appointment: Date,
  viaApi: () => Promise<T>,
): Promise<T | TripView> {
  if (appointment.getTime() > server.clock.now().getTime()) return viaApi();
  return createRoundTrip({
    db: server.app.db,
    actor: await dispatchActor(server, city),
    requestId,
    now: new Date(appointment.getTime() - 86_400_000),
    timeZone: CITY_TIME_ZONE,
  });
}

/**
 * The vehicle for a leg, through the API while the session is hours ahead; for a session earlier
 * today or about to start the schedule gate would refuse a pickup in the past, so dispatch assigns it
 * the day before.
 */
async function assign(
  server: TestServer,
  city: SeededDistrict,
  legId: string,
  vehicleId: string,
  appointment: Date,
  viaApi: () => Promise<unknown>,
): Promise<void> {
  // An outbound pickup comes well before the appointment (its window, the ride, boarding): within a
  // few hours of now it may already have passed.
  if (appointment.getTime() - 3 * 3_600_000 > server.clock.now().getTime()) {
    await viaApi();
    return;
  }
  await assignLeg({
    db: server.app.db,
    actor: await dispatchActor(server, city),
    legId,
    input: { vehicleId },
    now: new Date(appointment.getTime() - 86_400_000),
    timeZone: CITY_TIME_ZONE,
  });
}

async function dispatchActor(server: TestServer, city: SeededDistrict) {
  const db = server.app.db;
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.username, city.people.dispatcher.username));
  const session = { id: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000) };
  const actor = account ? await loadActor(db, account.id, session, '127.0.0.1') : null;
  if (!actor) throw new Error('no dispatcher');
  return actor;
}
