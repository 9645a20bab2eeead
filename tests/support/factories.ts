import { randomBytes } from 'node:crypto';
import {
  accountScopes,
  accounts,
  compounds,
  type Db,
  districts,
  drivers,
  gates,
  hospitalSlots,
  hospitals,
  legs,
  patients,
  requests,
  trips,
  vehicles,
} from '@lastmeter/db';
import { hashPassword } from '@lastmeter/server/domain/auth/password.ts';
import { nationalIdCheckDigit, type Role } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { weekdayAhead } from './calendar.ts';

/** Test data factories (Outline style): each returns the inserted row, defaults for everything. */
export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const unique = () => randomBytes(4).toString('hex');

export async function createDistrict(db: Db, overrides: Partial<typeof districts.$inferInsert> = {}) {
  const [row] = await db
    .insert(districts)
    .values({
      code: `D${unique()}`,
      name: '徐汇区',
      city: '上海市',
      center: [121.4365, 31.1885],
      ...overrides,
    })
    .returning();
  return row!;
}

export function square(lng: number, lat: number, half = 0.001) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng - half, lat - half],
        [lng + half, lat - half],
        [lng + half, lat + half],
        [lng - half, lat + half],
        [lng - half, lat - half],
      ],
    ],
  };
}

export async function createCompound(
  db: Db,
  districtId: string,
  overrides: Partial<typeof compounds.$inferInsert> = {},
) {
  const [row] = await db
    .insert(compounds)
    .values({
      districtId,
      name: `田林${unique()}村`,
      boundary: square(121.43, 31.17),
      selfRegistrationToken: randomBytes(18).toString('base64url'),
      ...overrides,
    })
    .returning();
  const [gate] = await db
    .insert(gates)
    .values({ compoundId: row!.id, name: '东门', lng: 121.431, lat: 31.17 })
    .returning();
  return { ...row!, gate: gate! };
}

export async function createHospital(db: Db, overrides: Partial<typeof hospitals.$inferInsert> = {}) {
  const [row] = await db
    .insert(hospitals)
    .values({
      name: `医院${unique()}`,
      lng: 121.45,
      lat: 31.19,
      entranceLng: 121.4502,
      entranceLat: 31.1901,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createVehicle(
  db: Db,
  districtId: string,
  overrides: Partial<typeof vehicles.$inferInsert> = {},
) {
  const [row] = await db
    .insert(vehicles)
    .values({
      districtId,
      kind: 'volunteer',
      plate: `沪A·${unique()}`,
      seats: 4,
      baseLng: 121.44,
      baseLat: 31.18,
      ...overrides,
    })
    .returning();
  return row!;
}

export interface AccountScopeInput {
  districtIds?: string[];
  compoundIds?: string[];
  hospitalId?: string;
  vehicleId?: string;
}

export async function createAccount(
  db: Db,
  role: Role,
  scope: AccountScopeInput = {},
  username = `${role}_${unique()}`,
) {
  passwordHash ??= hashPassword(PASSWORD);
  const [account] = await db
    .insert(accounts)
    .values({
      username,
      passwordHash: await passwordHash,
      role,
      displayName: username,
      hospitalId: scope.hospitalId ?? null,
    })
    .returning();
  const scopeRows = [
    ...(scope.districtIds ?? []).map((districtId) => ({ accountId: account!.id, districtId })),
    ...(scope.compoundIds ?? []).map((compoundId) => ({ accountId: account!.id, compoundId })),
  ];
  if (scopeRows.length) await db.insert(accountScopes).values(scopeRows);
  let driverId: string | null = null;
  if (role === 'driver') {
    const [driver] = await db
      .insert(drivers)
      .values({ accountId: account!.id, vehicleId: scope.vehicleId ?? null, name: username })
      .returning();
    driverId = driver!.id;
  }
  return { ...account!, driverId, password: PASSWORD };
}

export async function createPatient(
  db: Db,
  compoundId: string,
  overrides: Partial<typeof patients.$inferInsert> = {},
) {
  const [row] = await db
    .insert(patients)
    .values({
      compoundId,
      name: '张三',
      nationalId: `31010419600101${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
      phone: '13800001234',
      ...overrides,
    })
    .returning();
  return row!;
}

/** A round trip's outbound leg, unassigned (`planned`), for booking tests. */
export async function createPlannedLeg(
  db: Db,
  input: { patientId: string; hospitalId: string; gateId: string; date?: string },
) {
  const date = input.date ?? weekdayAhead(2);
  const [request] = await db
    .insert(requests)
    .values({
      patientId: input.patientId,
      service: 'dialysis',
      date,
      windowStart: new Date(`${date}T06:30:00+08:00`),
      windowEnd: new Date(`${date}T07:00:00+08:00`),
    })
    .returning();
  const [trip] = await db
    .insert(trips)
    .values({
      requestId: request!.id,
      patientId: input.patientId,
      hospitalId: input.hospitalId,
      gateId: input.gateId,
    })
    .returning();
  const [leg] = await db
    .insert(legs)
    .values({ tripId: trip!.id, direction: 'outbound', patientId: input.patientId })
    .returning();
  return leg!;
}

let idSequence = 0;
/**
 * A resident ID number that passes the GB 11643 check, unique within the test run. The 17th digit
 * is odd for men and even for women, as the standard says.
 */
export function validNationalId(birthDate = '1960-01-01', sex: 'male' | 'female' = 'male'): string {
  idSequence = (idSequence + 1) % 500;
  const region = 310104 + Math.floor(Math.random() * 90);
  const sequence = String(idSequence * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + nationalIdCheckDigit(first17);
}

/** The same ID with its check character changed: the kind of slip made copying a number off a card. */
export function withWrongCheckDigit(id: string): string {
  return id.slice(0, -1) + (id.at(-1) === '0' ? '1' : '0');
}

/** One weekly capacity slot of a hospital service (the registry's template). */
export async function createHospitalSlot(
  db: Db,
  hospitalId: string,
  overrides: Partial<typeof hospitalSlots.$inferInsert> = {},
) {
  const [row] = await db
    .insert(hospitalSlots)
    .values({
      hospitalId,
      service: 'dialysis',
      weekday: 3,
      startTime: '07:00',
      endTime: '12:00',
      capacity: 10,
      ...overrides,
    })
    .returning();
  return row!;
}

/** A request for care on a date (default: a dialysis session at 07:00–07:30, fixed 4 h return). */
export async function createRequest(
  db: Db,
  patientId: string,
  overrides: Partial<typeof requests.$inferInsert> & { date?: string } = {},
) {
  const date = overrides.date ?? weekdayAhead(3);
  const [row] = await db
    .insert(requests)
    .values({
      patientId,
      service: 'dialysis',
      date,
      windowStart: new Date(`${date}T07:00:00+08:00`),
      windowEnd: new Date(`${date}T07:30:00+08:00`),
      returnMode: 'fixed',
      treatmentMinutes: 240,
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * Puts the family's consent on a factory patient's record (registered patients always carry it; the
 * factory's do not): requests for care and notices need it.
 */
export async function recordConsent(db: Db, patientId: string) {
  await db
    .update(patients)
    .set({
      consent: {
        givenBy: '王建国',
        relation: 'self',
        at: new Date().toISOString(),
        purposes: ['transport'],
        recordedBy: null,
      },
    })
    .where(eq(patients.id, patientId));
}
