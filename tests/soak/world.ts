import { type Db, hospitalSlots, queryRows } from '@lastmeter/db';
import { type Role, rooms, type SERVICES } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createVehicle,
  square,
} from '../support/factories.ts';
import { loginAs } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';

/** A signed-in account and the durable streams its scope gives it (what its sockets must receive). */
export interface Party {
  name: string;
  role: Role;
  accountId: string;
  token: string;
  streams: string[];
  /** Drivers: the vehicle they drive. */
  vehicleId?: string;
  /** Hospital desks: their hospital. */
  hospitalId?: string;
  /** Gatekeepers: their compounds. */
  compoundIds?: string[];
}

export interface SoakVehicle {
  id: string;
  name: string;
  kind: 'ambulance_120' | 'volunteer' | 'requisitioned';
  driver: Party;
}

export interface SoakCompound {
  id: string;
  name: string;
  gateId: string;
  center: [number, number];
  gatekeeper: Party;
}

export interface SoakHospital {
  id: string;
  name: string;
  acceptsPositive: boolean;
  desk: Party;
}

/** Shifts cover the whole day, so whatever the hour a run starts at, there is a shift to book. */
const ALL_DAY = { shiftStart: '00:00', shiftEnd: '23:59', disinfectionMinutes: 20 } as const;
/** Services the generator raises requests for; every hospital of the district offers them all day. */
export const SOAK_SERVICES = [
  'dialysis',
  'oncology',
  'general',
  'emergency',
] as const satisfies readonly (typeof SERVICES)[number][];

/**
 * The lockdown district of a soak run: three compounds with their gatekeepers, three hospitals (one
 * takes positive patients) with their desks, a mixed fleet (volunteer cars with and without a
 * wheelchair place, a requisitioned van, two 120 ambulances) with a driver each, and a dispatcher.
 * Outsiders — another district's dispatcher, gatekeeper and driver, a gatekeeper of a compound
 * without patients and a desk of a hospital nobody is sent to — must hear nothing of the day.
 */
export async function createSoakWorld(server: TestServer) {
  const db: Db = server.app.db;
  const district = await createDistrict(db, { name: '徐汇区' });
  const otherDistrict = await createDistrict(db, { name: '长宁区' });

  const party = async (
    name: string,
    role: Role,
    scope: Parameters<typeof createAccount>[2],
    extra: Partial<Party> = {},
  ): Promise<Party> => {
    const account = await createAccount(db, role, scope);
    const streams = [rooms.account(account.id)];
    for (const id of scope?.districtIds ?? []) streams.push(rooms.district(id));
    for (const id of scope?.compoundIds ?? []) streams.push(rooms.compound(id));
    if (scope?.hospitalId) streams.push(rooms.hospital(scope.hospitalId));
    if (scope?.vehicleId) streams.push(rooms.vehicle(scope.vehicleId));
    return {
      name,
      role,
      accountId: account.id,
      token: await loginAs(server, account.username, account.password),
      streams,
      ...extra,
    };
  };

  const compoundAt = async (districtId: string, name: string, center: [number, number]) => {
    const row = await createCompound(db, districtId, { name, boundary: square(center[0], center[1], 0.002) });
    return { row, center };
  };
  const c1 = await compoundAt(district.id, '田林十二村', [121.43, 31.17]);
  const c2 = await compoundAt(district.id, '田林十四村', [121.445, 31.18]);
  const c3 = await compoundAt(district.id, '康健新村', [121.42, 31.19]);
  const quiet = await compoundAt(district.id, '梅陇三村', [121.46, 31.16]);
  const far = await compoundAt(otherDistrict.id, '虹桥新村', [121.4, 31.2]);

  const g12 = await party('gatekeeper 1 (田林十二村, 田林十四村)', 'gatekeeper', {
    compoundIds: [c1.row.id, c2.row.id],
  });
  g12.compoundIds = [c1.row.id, c2.row.id];
  const g3 = await party('gatekeeper 2 (康健新村)', 'gatekeeper', { compoundIds: [c3.row.id] });
  g3.compoundIds = [c3.row.id];
  const compounds: SoakCompound[] = [
    { id: c1.row.id, name: c1.row.name, gateId: c1.row.gate.id, center: c1.center, gatekeeper: g12 },
    { id: c2.row.id, name: c2.row.name, gateId: c2.row.gate.id, center: c2.center, gatekeeper: g12 },
    { id: c3.row.id, name: c3.row.name, gateId: c3.row.gate.id, center: c3.center, gatekeeper: g3 },
  ];

  const hospitalAt = async (name: string, lng: number, lat: number, acceptsPositive: boolean) =>
    createHospital(db, {
      name,
      districtId: district.id,
      lng,
      lat,
      entranceLng: lng + 0.0002,
      entranceLat: lat + 0.0001,
      acceptsPositive,
    });
  const h1 = await hospitalAt('中山医院', 121.45, 31.19, false);
  const h2 = await hospitalAt('公卫中心', 121.44, 31.2, true);
  const h3 = await hospitalAt('第六人民医院', 121.425, 31.175, false);
  // Far outside the district, and without slots: nobody is ever sent there.
  const h4 = await hospitalAt('远郊医院', 121.9, 31.5, false);
  await db.insert(hospitalSlots).values(
    [h1, h2, h3].flatMap((h) =>
      SOAK_SERVICES.flatMap((service) =>
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          hospitalId: h.id,
          service,
          weekday,
          startTime: '00:00',
          endTime: '23:59',
          capacity: 100,
        })),
      ),
    ),
  );
  const hospitals: SoakHospital[] = [];
  for (const h of [h1, h2, h3]) {
    hospitals.push({
      id: h.id,
      name: h.name,
      acceptsPositive: h.acceptsPositive,
      desk: await party(`desk of ${h.name}`, 'hospital', { hospitalId: h.id }, { hospitalId: h.id }),
    });
  }

  const fleet = [
    { name: 'volunteer car (4 seats)', kind: 'volunteer', seats: 4 },
    { name: 'volunteer car (3 seats, 1 wheelchair)', kind: 'volunteer', seats: 3, wheelchairPlaces: 1 },
    { name: 'requisitioned van (6 seats)', kind: 'requisitioned', seats: 6 },
    { name: 'volunteer car (2 seats)', kind: 'volunteer', seats: 2 },
    { name: '120 ambulance A', kind: 'ambulance_120', seats: 2, wheelchairPlaces: 1, stretchers: 1 },
    { name: '120 ambulance B', kind: 'ambulance_120', seats: 2, stretchers: 1 },
  ] as const;
  const vehicles: SoakVehicle[] = [];
  for (const spec of fleet) {
    const { name, ...columns } = spec;
    const row = await createVehicle(db, district.id, { ...ALL_DAY, ...columns });
    vehicles.push({
      id: row.id,
      name,
      kind: row.kind,
      driver: await party(`driver of ${name}`, 'driver', { vehicleId: row.id }, { vehicleId: row.id }),
    });
  }
  const otherVehicle = await createVehicle(db, otherDistrict.id, ALL_DAY);

  const dispatcher = await party('dispatcher', 'dispatcher', { districtIds: [district.id] });
  const admin = await party('admin', 'admin', {});
  const outsiders = {
    dispatcher: await party('dispatcher of another district', 'dispatcher', {
      districtIds: [otherDistrict.id],
    }),
    gatekeeper: await party(
      'gatekeeper of another district',
      'gatekeeper',
      { compoundIds: [far.row.id] },
      {
        compoundIds: [far.row.id],
      },
    ),
    quietGatekeeper: await party(
      'gatekeeper of a compound without patients',
      'gatekeeper',
      {
        compoundIds: [quiet.row.id],
      },
      { compoundIds: [quiet.row.id] },
    ),
    driver: await party(
      'driver of another district',
      'driver',
      { vehicleId: otherVehicle.id },
      {
        vehicleId: otherVehicle.id,
      },
    ),
    desk: await party(`desk of ${h4.name}`, 'hospital', { hospitalId: h4.id }, { hospitalId: h4.id }),
  };
  return {
    db,
    districtId: district.id,
    otherDistrictId: otherDistrict.id,
    otherVehicleId: otherVehicle.id,
    compounds,
    hospitals,
    vehicles,
    dispatcher,
    admin,
    outsiders,
    /** Everyone who keeps a socket open during the day. */
    parties: [
      dispatcher,
      g12,
      g3,
      ...hospitals.map((h) => h.desk),
      ...vehicles.map((v) => v.driver),
      ...Object.values(outsiders),
    ],
  };
}

export type SoakWorld = Awaited<ReturnType<typeof createSoakWorld>>;

/** The district's transport policy for the day: 一车一患者 and 一客一消杀 are a district's choice. */
export type SoakPolicy = 'default' | 'one_patient_per_vehicle' | 'disinfect_after_every_passenger';

/**
 * Sets the district's policy where the schema has it (`districts.one_patient_per_vehicle`,
 * `districts.disinfect_after_every_passenger`); returns the policy in force.
 */
export async function applyPolicy(db: Db, districtId: string, policy: SoakPolicy): Promise<SoakPolicy> {
  if (policy === 'default') return policy;
  const columns = await queryRows<{ column_name: string }>(
    db,
    sql`select column_name from information_schema.columns where table_name = 'districts'`,
  );
  if (!columns.some((c) => c.column_name === policy)) return 'default';
  await db.execute(
    policy === 'one_patient_per_vehicle'
      ? sql`update districts set one_patient_per_vehicle = true where id = ${districtId}`
      : sql`update districts set disinfect_after_every_passenger = true where id = ${districtId}`,
  );
  return policy;
}
