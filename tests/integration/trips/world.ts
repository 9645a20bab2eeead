import type { Db } from '@lastmeter/db';
import type { LegView, PlanDayResult } from '@lastmeter/shared';
import { weekdayAhead } from '../../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createHospitalSlot,
  createPatient,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import type { TestServer } from '../../support/test-server.ts';

/** A Wednesday two to three weeks ahead in the city: plans are made ahead of the shift. */
export const DAY = weekdayAhead(3);

export type Party = { id: string; token: string; driverId: string | null };

async function party(server: TestServer, account: Awaited<ReturnType<typeof createAccount>>): Promise<Party> {
  return {
    id: account.id,
    token: await loginAs(server, account.username, account.password),
    driverId: account.driverId,
  };
}

/**
 * A district with one compound and its gatekeeper, a dialysis hospital and its desk, one volunteer car
 * with its driver and a dispatcher — plus an outsider of each kind, who must see nothing.
 */
export async function tripWorld(
  server: TestServer,
  options: {
    vehicleKind?: 'volunteer' | 'ambulance_120';
    slotCapacity?: number;
    shift?: [string, string];
  } = {},
) {
  const db: Db = server.app.db;
  const district = await createDistrict(db);
  const otherDistrict = await createDistrict(db);
  const compound = await createCompound(db, district.id);
  const otherCompound = await createCompound(db, district.id);
  const hospital = await createHospital(db, { districtId: district.id });
  const otherHospital = await createHospital(db, {
    districtId: district.id,
    lng: 121.6,
    lat: 31.3,
    entranceLng: 121.6,
    entranceLat: 31.3,
  });
  await createHospitalSlot(db, hospital.id, { weekday: 3, capacity: options.slotCapacity ?? 10 });
  const [shiftStart, shiftEnd] = options.shift ?? ['05:00', '20:00'];
  const vehicle = await createVehicle(db, district.id, {
    kind: options.vehicleKind ?? 'volunteer',
    shiftStart,
    shiftEnd,
  });
  const otherVehicle = await createVehicle(db, otherDistrict.id, { shiftStart: '05:00', shiftEnd: '20:00' });
  const patient = await createPatient(db, compound.id, {
    name: '王建国',
    nationalId: validNationalId(),
    regularHospitalId: hospital.id,
    gateId: compound.gate.id,
  });
  return {
    db,
    district,
    compound,
    otherCompound,
    hospital,
    otherHospital,
    vehicle,
    otherVehicle,
    patient,
    dispatcher: await party(server, await createAccount(db, 'dispatcher', { districtIds: [district.id] })),
    gatekeeper: await party(server, await createAccount(db, 'gatekeeper', { compoundIds: [compound.id] })),
    otherGatekeeper: await party(
      server,
      await createAccount(db, 'gatekeeper', { compoundIds: [otherCompound.id] }),
    ),
    hospitalDesk: await party(server, await createAccount(db, 'hospital', { hospitalId: hospital.id })),
    otherHospitalDesk: await party(
      server,
      await createAccount(db, 'hospital', { hospitalId: otherHospital.id }),
    ),
    driver: await party(server, await createAccount(db, 'driver', { vehicleId: vehicle.id })),
    otherDriver: await party(server, await createAccount(db, 'driver', { vehicleId: otherVehicle.id })),
  };
}

export type TripWorld = Awaited<ReturnType<typeof tripWorld>>;

/** POST helper that fails loudly with the problem body, so a failing step says why. */
export async function post<T = Record<string, unknown>>(
  server: TestServer,
  path: string,
  token: string,
  body: unknown = {},
) {
  const res = await api<T>(server, 'POST', path, { token, body });
  return res;
}

export async function ok<T = Record<string, unknown>>(
  server: TestServer,
  path: string,
  token: string,
  body: unknown = {},
): Promise<T> {
  const res = await api<T>(server, 'POST', path, { token, body });
  if (res.status >= 300) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Dispatch's "plan the day" for the world's district on DAY, with a small reproducible search. */
export function planTheDay(server: TestServer, w: TripWorld, iterations = 30): Promise<PlanDayResult> {
  return ok<PlanDayResult>(server, `/api/v1/districts/${w.district.id}/plan`, w.dispatcher.token, {
    date: DAY,
    seed: 1,
    iterations,
  });
}

/**
 * Sets the server's clock (tests/support/clock.ts) to a moment of a leg's own day: its planned pickup
 * or drop-off, moved by `minutes`. The leg's steps are then judged as on that day at that time.
 */
export async function clockAtLeg(
  server: TestServer,
  w: Pick<TripWorld, 'dispatcher'>,
  legId: string,
  at: 'pickup' | 'dropoff' = 'pickup',
  minutes = 0,
): Promise<Date> {
  const leg = await api<LegView>(server, 'GET', `/api/v1/legs/${legId}`, { token: w.dispatcher.token });
  const base = at === 'pickup' ? leg.body.plannedPickupAt : leg.body.plannedDropoffAt;
  if (!base) throw new Error(`leg ${legId} has no planned ${at}: ${JSON.stringify(leg.body)}`);
  const when = new Date(Date.parse(base) + minutes * 60_000);
  server.clock.set(when);
  return when;
}
