import { randomBytes } from 'node:crypto';
import {
  careNeeds,
  complaints,
  type Db,
  deliveries,
  incidents,
  legs,
  onlineVisits,
  prescriptions,
  requests,
  trips,
  zones,
} from '@lastmeter/db';
import type { Role } from '@lastmeter/shared';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createPatient,
  createVehicle,
  square,
  validNationalId,
} from './factories.ts';
import { loginAs } from './http.ts';
import type { TestServer } from './test-server.ts';

/**
 * One scope of every kind — a district with a compound, gate, zone, hospital, vehicle, patient, need,
 * request, round trip, online visit, delivery, incident and complaint — and a signed-in account of every role scoped to it. Tests that
 * walk the whole route list (fuzz, foreign scope) fill each `:param` of a path from `params`.
 */
export async function createScopeWorld(server: TestServer, date: string) {
  const db: Db = server.app.db;
  const district = await createDistrict(db);
  const compound = await createCompound(db, district.id);
  const hospital = await createHospital(db, { districtId: district.id });
  const vehicle = await createVehicle(db, district.id);
  const patient = await createPatient(db, compound.id, {
    nationalId: validNationalId(),
    regularHospitalId: hospital.id,
    gateId: compound.gate.id,
  });
  const [zone] = await db
    .insert(zones)
    .values({
      districtId: district.id,
      name: '封控区',
      level: 'controlled',
      geometry: square(121.43, 31.17, 0.01),
      validFrom: new Date(),
    })
    .returning();
  const [need] = await db
    .insert(careNeeds)
    .values({ patientId: patient.id, kind: 'chronic', hospitalId: hospital.id })
    .returning();
  const [request] = await db
    .insert(requests)
    .values({
      patientId: patient.id,
      service: 'dialysis',
      date,
      windowStart: new Date(`${date}T07:00:00+08:00`),
      windowEnd: new Date(`${date}T07:30:00+08:00`),
      hospitalId: hospital.id,
      treatmentMinutes: 240,
    })
    .returning();
  const [trip] = await db
    .insert(trips)
    .values({
      requestId: request!.id,
      patientId: patient.id,
      hospitalId: hospital.id,
      gateId: compound.gate.id,
    })
    .returning();
  const [leg] = await db
    .insert(legs)
    .values({ tripId: trip!.id, direction: 'outbound', patientId: patient.id, vehicleId: vehicle.id })
    .returning();
  await db.insert(legs).values({ tripId: trip!.id, direction: 'return', patientId: patient.id });
  const [onlineRequest] = await db
    .insert(requests)
    .values({
      patientId: patient.id,
      needId: need!.id,
      service: 'general',
      date,
      windowStart: new Date(`${date}T09:00:00+08:00`),
      windowEnd: new Date(`${date}T09:30:00+08:00`),
      hospitalId: hospital.id,
      serveBy: 'online_visit',
      status: 'planned',
    })
    .returning();
  const [visit] = await db
    .insert(onlineVisits)
    .values({
      requestId: onlineRequest!.id,
      patientId: patient.id,
      hospitalId: hospital.id,
      service: 'general',
      date,
      slotStart: '09:00',
      startsAt: new Date(`${date}T09:30:00+08:00`),
      endsAt: new Date(`${date}T09:45:00+08:00`),
      joinToken: randomBytes(32).toString('base64url'),
    })
    .returning();
  const [incident] = await db
    .insert(incidents)
    .values({ kind: 'breakdown', districtId: district.id, vehicleId: vehicle.id, description: '抛锚' })
    .returning();

  const [complaint] = await db
    .insert(complaints)
    .values({
      hospitalId: hospital.id,
      districtId: district.id,
      kind: 'vehicle_late',
      source: 'family',
      description: '车来晚了',
    })
    .returning();

  const [prescription] = await db
    .insert(prescriptions)
    .values({
      patientId: patient.id,
      hospitalId: hospital.id,
      source: 'paper',
      items: [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '' }],
    })
    .returning();
  const [delivery] = await db
    .insert(deliveries)
    .values({
      prescriptionId: prescription!.id,
      patientId: patient.id,
      compoundId: compound.id,
      gateId: compound.gate.id,
      hospitalId: hospital.id,
      date,
      parcelNo: `P-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      pickupWindowStart: new Date(`${date}T08:00:00+08:00`),
      pickupWindowEnd: new Date(`${date}T18:00:00+08:00`),
      dropoffWindowStart: new Date(`${date}T10:00:00+08:00`),
      dropoffWindowEnd: new Date(`${date}T18:00:00+08:00`),
    })
    .returning();

  const accounts = {
    dispatcher: await createAccount(db, 'dispatcher', { districtIds: [district.id] }),
    gatekeeper: await createAccount(db, 'gatekeeper', { compoundIds: [compound.id] }),
    hospital: await createAccount(db, 'hospital', { hospitalId: hospital.id }),
    driver: await createAccount(db, 'driver', { vehicleId: vehicle.id }),
  } satisfies Partial<Record<Role, unknown>>;
  const tokens: Partial<Record<Role, string>> = {};
  for (const [role, account] of Object.entries(accounts)) {
    tokens[role as Role] = await loginAs(server, account.username, account.password);
  }
  const params: Record<string, string> = {
    districtId: district.id,
    compoundId: compound.id,
    gateId: compound.gate.id,
    zoneId: zone!.id,
    hospitalId: hospital.id,
    vehicleId: vehicle.id,
    patientId: patient.id,
    needId: need!.id,
    requestId: request!.id,
    tripId: trip!.id,
    legId: leg!.id,
    incidentId: incident!.id,
    visitId: visit!.id,
    deliveryId: delivery!.id,
    complaintId: complaint!.id,
    accountId: accounts.gatekeeper.id,
    token: compound.selfRegistrationToken,
    date,
  };
  return { district, compound, hospital, vehicle, patient, accounts, tokens, params };
}
export type ScopeWorld = Awaited<ReturnType<typeof createScopeWorld>>;

/** The path with each `:param` taken from `params` (unknown ones get a random-looking UUID). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
}

export { cityToday } from './calendar.ts';
