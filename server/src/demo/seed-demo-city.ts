import {
  accountScopes,
  accounts,
  careNeeds,
  compounds,
  type Db,
  districts,
  drivers,
  type GeoJsonPolygonal,
  gates,
  hospitalSlots,
  hospitals,
  type NeedSchedule,
  patients,
  vehicles,
  zones,
} from '@lastmeter/db';
import {
  addDays,
  cityDateOf,
  DEFAULT_TIME_ZONE,
  type InfectionClass,
  isoWeekdayOf,
  type Mobility,
  type NeedKind,
  type Role,
  SERVICE_FOR_NEED,
  type Service,
  type VehicleKind,
} from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { compoundLevel, type ZoneForLevel } from '@lastmeter/shared/geo/zone-level.ts';
import { nationalIdCheckDigit } from '@lastmeter/shared/identity.ts';
import { convex, featureCollection, point } from '@turf/turf';
import { createRandom, type Random } from './random.ts';
import {
  AMBULANCE_BASES,
  COMPOUND_SITES,
  CONTROLLED_COMPOUNDS,
  type CompoundSite,
  DIALYSIS_SHIFTS,
  GATEKEEPER1_COMPOUNDS,
  GATEKEEPER2_COMPOUNDS,
  GIVEN_NAMES,
  HOSPITAL_SITES,
  type HospitalSite,
  MOBILE_PREFIXES,
  SEALED_COMPOUNDS,
  STREET_OFFICES,
  SURNAMES,
  TAXI_DEPOTS,
  XUHUI,
} from './xuhui.ts';

/** Every demo account logs in with this password; the start-up banner prints it. */
export const DEMO_PASSWORD = 'lastmeter';

export interface SeedDemoCityOptions {
  db: Db;
  hashPassword: (password: string) => Promise<string>;
  /** The demo's "today": zones, schedules and consent dates are placed around it. */
  now: Date;
  /** Changes every random draw; the default gives the documented demo. */
  seed?: number;
}

export interface DemoAccount {
  username: string;
  role: Role;
  /** What the account may act on, for the start-up banner: a district, compounds, a vehicle or a hospital. */
  scopeLabel: string;
}

export interface DemoCitySummary {
  districtId: string;
  compounds: number;
  hospitals: number;
  vehicles: number;
  patients: number;
  password: string;
  accounts: DemoAccount[];
}

const DAY_MS = 86_400_000;
const METRES_PER_DEGREE = 111_320;

/** True when nothing has been set up yet: no district and no account. Only then does the demo go in. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [district] = await db.select({ id: districts.id }).from(districts).limit(1);
  const [account] = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return !district && !account;
}

/**
 * Fills an empty database with Shanghai 徐汇区 in lockdown: compounds, hospitals with weekly capacity,
 * vehicles with drivers, ~200 registered patients with their care needs, one sealed and one controlled
 * zone, and the demo accounts. Everything is built in memory first (ids included, from the seeded PRNG) so
 * the database sees one transaction of a dozen multi-row inserts — a few seconds even on embedded PGlite.
 */
export async function seedDemoCity({
  db,
  hashPassword,
  now,
  seed = 20220401,
}: SeedDemoCityOptions): Promise<DemoCitySummary> {
  // argon2 is deliberately slow; every demo account shares one hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Duty accounts draw from a stream of their own, so adding them leaves the rest of the city as it was.
  const city = buildDemoCity(createRandom(seed), now, passwordHash, createRandom(seed + 1));

  await db.transaction(async (tx) => {
    if (!(await isDatabaseEmpty(tx)))
      throw new Error('The demo city can only be seeded into an empty database');
    await tx.insert(districts).values(city.district);
    await tx.insert(zones).values(city.zones);
    await tx.insert(compounds).values(city.compounds);
    await tx.insert(gates).values(city.gates);
    await tx.insert(hospitals).values(city.hospitals);
    await tx.insert(hospitalSlots).values(city.slots);
    await tx.insert(vehicles).values(city.vehicles);
    await tx.insert(accounts).values(city.accounts);
    await tx.insert(accountScopes).values(city.scopes);
    await tx.insert(drivers).values(city.drivers);
    await tx.insert(patients).values(city.patients);
    await tx.insert(careNeeds).values(city.needs);
  });

  return {
    districtId: city.district.id,
    compounds: city.compounds.length,
    hospitals: city.hospitals.length,
    vehicles: city.vehicles.length,
    patients: city.patients.length,
    password: DEMO_PASSWORD,
    accounts: city.demoAccounts,
  };
}

// ---------------------------------------------------------------- building the city in memory

type DistrictRow = typeof districts.$inferInsert & { id: string };
type CompoundRow = typeof compounds.$inferInsert & { id: string };
type GateRow = typeof gates.$inferInsert & { id: string };
type ZoneRow = typeof zones.$inferInsert & { id: string };
type HospitalRow = typeof hospitals.$inferInsert & { id: string };
type SlotRow = typeof hospitalSlots.$inferInsert;
type VehicleRow = typeof vehicles.$inferInsert & { id: string };
type AccountRow = typeof accounts.$inferInsert & { id: string };
type ScopeRow = typeof accountScopes.$inferInsert;
type DriverRow = typeof drivers.$inferInsert;
type PatientRow = typeof patients.$inferInsert & { id: string };
type NeedRow = typeof careNeeds.$inferInsert;

interface DemoCity {
  district: DistrictRow;
  zones: ZoneRow[];
  compounds: CompoundRow[];
  gates: GateRow[];
  hospitals: HospitalRow[];
  slots: SlotRow[];
  vehicles: VehicleRow[];
  accounts: AccountRow[];
  scopes: ScopeRow[];
  drivers: DriverRow[];
  patients: PatientRow[];
  needs: NeedRow[];
  demoAccounts: DemoAccount[];
}

interface PlacedHospital {
  site: HospitalSite;
  row: HospitalRow;
}

interface PlacedCompound {
  row: CompoundRow;
  site: CompoundSite;
  boundary: { type: 'Polygon'; coordinates: number[][][] };
  gates: GateRow[];
}

function buildDemoCity(rng: Random, now: Date, passwordHash: string, dutyRng: Random): DemoCity {
  const district: DistrictRow = {
    id: rng.uuid(),
    code: XUHUI.code,
    name: XUHUI.name,
    city: XUHUI.city,
    center: XUHUI.center,
  };
  const placed = COMPOUND_SITES.map((site) => placeCompound(rng, district.id, site));
  const byName = (name: string): PlacedCompound => {
    const found = placed.find((c) => c.site.name === name);
    if (!found) throw new Error(`Demo data names an unknown compound ${name}`);
    return found;
  };

  const placedHospitals = HOSPITAL_SITES.map((site) => ({ site, row: hospitalRow(rng, district.id, site) }));
  const hospitalRows = placedHospitals.map((h) => h.row);
  const slots = placedHospitals.flatMap(({ site, row }) => slotRows(row.id, site));
  const staff = buildStaffAccounts(rng, district, passwordHash, byName, hospitalRows);
  const zoneRows = buildZones(rng, district.id, now, staff.dispatcherId, byName);
  const zoneInputs: ZoneForLevel[] = zoneRows.map((z) => ({
    id: z.id,
    level: z.level,
    geometry: z.geometry,
    validFrom: z.validFrom,
    validTo: z.validTo ?? null,
    endedAt: z.endedAt ?? null,
  }));
  for (const compound of placed) {
    const { level, zoneId } = compoundLevel(compound.boundary, zoneInputs, now);
    compound.row.level = level;
    compound.row.levelZoneId = zoneId;
  }

  const fleet = buildFleet(rng, district.id, now, passwordHash, placed);
  const registry = buildRegistry(rng, now, placed, placedHospitals, staff.recorderFor, staff.adminId);
  const duty = buildDutyAccounts(dutyRng, passwordHash, placed, hospitalRows, staff);

  return {
    district,
    zones: zoneRows,
    compounds: placed.map((c) => c.row),
    gates: placed.flatMap((c) => c.gates),
    hospitals: hospitalRows,
    slots,
    vehicles: fleet.vehicles,
    accounts: [...staff.accounts, ...fleet.accounts, ...duty.accounts],
    scopes: [...staff.scopes, ...duty.scopes],
    drivers: fleet.drivers,
    patients: registry.patients,
    needs: registry.needs,
    demoAccounts: [...staff.demoAccounts, ...fleet.demoAccounts, ...duty.demoAccounts],
  };
}

// ---------------------------------------------------------------- districts, compounds, hospitals, vehicles

/** [lng, lat] `east` and `north` metres away; rounded to 6 decimals (~0.1 m), as a map click would give. */
function offset(lng: number, lat: number, east: number, north: number): [number, number] {
  const metresPerDegreeLng = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return [round6(lng + east / metresPerDegreeLng), round6(lat + north / METRES_PER_DEGREE)];
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function distanceKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const east = (a.lng - b.lng) * METRES_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
  const north = (a.lat - b.lat) * METRES_PER_DEGREE;
  return Math.hypot(east, north) / 1000;
}

const GATE_DIRECTIONS = [
  ['东门', 0],
  ['北门', Math.PI / 2],
  ['西门', Math.PI],
  ['南门', (3 * Math.PI) / 2],
] as const;

/**
 * A compound is a star-shaped polygon around its site: vertices at increasing angles, so the ring can never
 * cross itself, 150–380 m across like a 新村 block. Gates sit where a ray from the centre towards east,
 * north, west or south leaves the boundary.
 */
function placeCompound(rng: Random, districtId: string, site: CompoundSite): PlacedCompound {
  const vertexCount = rng.int(5, 8);
  const radius = rng.real(80, 190);
  const step = (2 * Math.PI) / vertexCount;
  const start = rng.real(0, step);
  const local = Array.from({ length: vertexCount }, (_, i): [number, number] => {
    const angle = start + i * step + rng.real(-0.3, 0.3) * step;
    const r = radius * rng.real(0.75, 1);
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
  const ring = local.map(([east, north]) => offset(site.lng, site.lat, east, north));
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);

  const compoundId = rng.uuid();
  const gateCount = rng.int(1, 3);
  const gateRows = rng
    .shuffle(GATE_DIRECTIONS)
    .slice(0, gateCount)
    .map(([name, angle]): GateRow => {
      const [east, north] = rayExit(local, angle + rng.real(-0.25, 0.25));
      const [lng, lat] = offset(site.lng, site.lat, east, north);
      return { id: rng.uuid(), compoundId, name, lng, lat };
    });

  const boundary = { type: 'Polygon' as const, coordinates: [ring] };
  return {
    site,
    boundary,
    gates: gateRows,
    row: {
      id: compoundId,
      districtId,
      name: site.name,
      address: `${XUHUI.city}${XUHUI.name}${site.street}${site.road}`,
      boundary,
      selfRegistrationToken: Buffer.from(rng.bytes(24)).toString('base64url'),
    },
  };
}

/** Where the ray from the origin at `angle` crosses the (origin-star-shaped) ring of `vertices`. */
function rayExit(vertices: readonly [number, number][], angle: number): [number, number] {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  for (let i = 0; i < vertices.length; i++) {
    const [ax, ay] = vertices[i] as [number, number];
    const [bx, by] = vertices[(i + 1) % vertices.length] as [number, number];
    const ex = bx - ax;
    const ey = by - ay;
    const denominator = dx * ey - dy * ex;
    if (denominator === 0) continue;
    const s = (ax * dy - ay * dx) / denominator;
    const t = (ax * ey - ay * ex) / denominator;
    if (s >= 0 && s <= 1 && t > 0) return [ax + s * ex, ay + s * ey];
  }
  throw new Error('A ray from the centre of a star-shaped ring always leaves it');
}

/**
 * A zone as a dispatcher would draw it: the hull around a cluster of compounds with a margin of ~40 m, so
 * the streets between them are inside too. Built as the hull of small circles around every vertex.
 */
function zoneAround(members: readonly PlacedCompound[]): GeoJsonPolygonal {
  const margin = 40;
  const points = members.flatMap((m) =>
    (m.boundary.coordinates[0] ?? []).flatMap(([lng = 0, lat = 0]) =>
      Array.from({ length: 12 }, (_, k) => {
        const angle = (k * Math.PI) / 6;
        return point(offset(lng, lat, margin * Math.cos(angle), margin * Math.sin(angle)));
      }),
    ),
  );
  const hull = convex(featureCollection(points));
  if (!hull) throw new Error('The hull of a zone needs at least three distinct points');
  return { type: 'Polygon', coordinates: hull.geometry.coordinates };
}

function buildZones(
  rng: Random,
  districtId: string,
  now: Date,
  dispatcherId: string,
  byName: (name: string) => PlacedCompound,
): ZoneRow[] {
  const validFrom = new Date(now.getTime() - 3 * DAY_MS);
  return [
    {
      id: rng.uuid(),
      districtId,
      name: '田林街道封控区（田林十二村、十四村、八村）',
      level: 'sealed',
      geometry: zoneAround(SEALED_COMPOUNDS.map(byName)),
      validFrom,
      validTo: null,
      createdBy: dispatcherId,
    },
    {
      id: rng.uuid(),
      districtId,
      name: '凌云路—康健管控区',
      level: 'controlled',
      geometry: zoneAround(CONTROLLED_COMPOUNDS.map(byName)),
      validFrom,
      validTo: null,
      createdBy: dispatcherId,
    },
  ];
}

// ---------------------------------------------------------------- hospitals

function hospitalRow(rng: Random, districtId: string, site: HospitalSite): HospitalRow {
  const bearing = (site.entrance.bearing * Math.PI) / 180;
  const [entranceLng, entranceLat] = offset(
    site.lng,
    site.lat,
    site.entrance.metres * Math.sin(bearing),
    site.entrance.metres * Math.cos(bearing),
  );
  return {
    id: rng.uuid(),
    // 儿科医院 stands just across the border in 闵行 but is where 徐汇 newborns go: Xuhui dispatch plans it.
    districtId,
    name: site.name,
    address: site.address,
    phone: site.phone,
    lng: site.lng,
    lat: site.lat,
    entranceLng,
    entranceLat,
    acceptsPositive: site.acceptsPositive,
    crowding: site.crowding,
    status: site.status,
  };
}

function slotRows(hospitalId: string, site: HospitalSite): SlotRow[] {
  const specs = [
    ...site.services.map((spec) => ({ spec, channel: 'on_site' as const })),
    ...(site.online ?? []).map((spec) => ({ spec, channel: 'online' as const })),
  ];
  return specs.flatMap(({ spec, channel }) =>
    spec.weekdays.flatMap((weekday) =>
      spec.slots.map(([startTime, endTime]) => ({
        hospitalId,
        channel,
        service: spec.service,
        weekday,
        startTime,
        endTime,
        capacity: spec.capacity,
      })),
    ),
  );
}

// ---------------------------------------------------------------- people

type Sex = 'male' | 'female';

function personName(rng: Random, sex: Sex, birthYear: number): string {
  const era =
    birthYear < 1961
      ? GIVEN_NAMES.before1961
      : birthYear < 1986
        ? GIVEN_NAMES.before1986
        : birthYear < 2006
          ? GIVEN_NAMES.before2006
          : GIVEN_NAMES.since2006;
  return rng.pick(SURNAMES) + rng.pick(era[sex]);
}

function mobile(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/**
 * The calendar date `days` after `now` in Shanghai, where the demo city lies: birth dates and the
 * patients' standing schedules. The days the demo plans are the server's (plan-demo-days.ts).
 */
function shanghaiDate(now: Date, days: number): string {
  return addDays(cityDateOf(now, DEFAULT_TIME_ZONE), days);
}

/** A GB 11643 number for someone registered in 徐汇 (310104); the sequence's last digit is odd for men. */
function nationalId(rng: Random, birthDate: string, sex: Sex, taken: Set<string>): string {
  for (;;) {
    const parity = rng.int(0, 4) * 2 + (sex === 'male' ? 1 : 0);
    const first17 = `${XUHUI.code}${birthDate.replaceAll('-', '')}${String(rng.int(0, 99)).padStart(2, '0')}${parity}`;
    const id = first17 + nationalIdCheckDigit(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

interface StaffAccounts {
  accounts: AccountRow[];
  scopes: ScopeRow[];
  demoAccounts: DemoAccount[];
  adminId: string;
  dispatcherId: string;
  /** The gatekeeper who registered a compound's patients, when the demo has one for it. */
  recorderFor: (compoundId: string) => string | null;
}

function buildStaffAccounts(
  rng: Random,
  district: DistrictRow,
  passwordHash: string,
  byName: (name: string) => PlacedCompound,
  hospitalRows: readonly HospitalRow[],
): StaffAccounts {
  const account = (username: string, role: Role, displayName: string, hospitalId?: string): AccountRow => ({
    id: rng.uuid(),
    username,
    passwordHash,
    role,
    displayName,
    phone: mobile(rng),
    hospitalId: hospitalId ?? null,
  });
  const admin = account('admin', 'admin', '系统管理员');
  const dispatcher = account('dispatcher', 'dispatcher', '徐汇区调度中心 陈敏');
  const gatekeeper1 = account('gatekeeper1', 'gatekeeper', '田林街道居委 李秀兰');
  const gatekeeper2 = account('gatekeeper2', 'gatekeeper', '康健新村街道居委 王建华');
  // hospital1 works at 中山医院, the first and busiest hospital of the demo.
  const hospitalRow = hospitalRows[0];
  if (!hospitalRow) throw new Error('Demo data has no hospital');
  const hospital1 = account('hospital1', 'hospital', `${hospitalRow.name} 接诊台`, hospitalRow.id);

  const gatekeeperScopes = (gatekeeper: AccountRow, names: readonly string[]): ScopeRow[] =>
    names.map((name) => ({ id: rng.uuid(), accountId: gatekeeper.id, compoundId: byName(name).row.id }));
  const scopes: ScopeRow[] = [
    { id: rng.uuid(), accountId: dispatcher.id, districtId: district.id },
    ...gatekeeperScopes(gatekeeper1, GATEKEEPER1_COMPOUNDS),
    ...gatekeeperScopes(gatekeeper2, GATEKEEPER2_COMPOUNDS),
  ];
  const recorders = new Map<string, string>(
    scopes.flatMap((s) => (s.compoundId ? [[s.compoundId, s.accountId] as const] : [])),
  );

  return {
    accounts: [admin, dispatcher, gatekeeper1, gatekeeper2, hospital1],
    scopes,
    adminId: admin.id,
    dispatcherId: dispatcher.id,
    recorderFor: (compoundId) => recorders.get(compoundId) ?? null,
    demoAccounts: [
      { username: 'admin', role: 'admin', scopeLabel: '全部' },
      { username: 'dispatcher', role: 'dispatcher', scopeLabel: `${XUHUI.city}${XUHUI.name}` },
      { username: 'gatekeeper1', role: 'gatekeeper', scopeLabel: GATEKEEPER1_COMPOUNDS.join('、') },
      { username: 'gatekeeper2', role: 'gatekeeper', scopeLabel: GATEKEEPER2_COMPOUNDS.join('、') },
      { username: 'hospital1', role: 'hospital', scopeLabel: hospitalRow.name },
    ],
  };
}

/**
 * Every other compound has its 居委 gatekeeper and every other hospital its 接诊台 too, as in the city:
 * someone confirms "out"/"back" at each gate and "arrived" at each hospital (the driver simulation
 * plays them). They share the demo password; the banner lists only the demo logins above.
 */
function buildDutyAccounts(
  rng: Random,
  passwordHash: string,
  placed: readonly PlacedCompound[],
  hospitalRows: readonly HospitalRow[],
  staff: StaffAccounts,
): Pick<StaffAccounts, 'accounts' | 'scopes' | 'demoAccounts'> {
  const covered = new Set(staff.scopes.flatMap((s) => (s.compoundId ? [s.compoundId] : [])));
  const deskHospitals = new Set(staff.accounts.flatMap((a) => (a.hospitalId ? [a.hospitalId] : [])));
  const duty: Pick<StaffAccounts, 'accounts' | 'scopes' | 'demoAccounts'> = {
    accounts: [],
    scopes: [],
    demoAccounts: [],
  };
  let gatekeepers = staff.accounts.filter((a) => a.role === 'gatekeeper').length;
  for (const compound of placed) {
    if (covered.has(compound.row.id)) continue;
    const username = `gatekeeper${++gatekeepers}`;
    const sex: Sex = rng.chance(0.6) ? 'female' : 'male';
    const id = rng.uuid();
    duty.accounts.push({
      id,
      username,
      passwordHash,
      role: 'gatekeeper',
      displayName: `${compound.site.street}居委 ${personName(rng, sex, rng.int(1965, 1990))}`,
      phone: mobile(rng),
      hospitalId: null,
    });
    duty.scopes.push({ id: rng.uuid(), accountId: id, compoundId: compound.row.id });
    duty.demoAccounts.push({ username, role: 'gatekeeper', scopeLabel: compound.site.name });
  }
  let desks = deskHospitals.size;
  for (const hospital of hospitalRows) {
    if (deskHospitals.has(hospital.id)) continue;
    const username = `hospital${++desks}`;
    duty.accounts.push({
      id: rng.uuid(),
      username,
      passwordHash,
      role: 'hospital',
      displayName: `${hospital.name} 接诊台`,
      phone: mobile(rng),
      hospitalId: hospital.id,
    });
    duty.demoAccounts.push({ username, role: 'hospital', scopeLabel: hospital.name });
  }
  return duty;
}

// ---------------------------------------------------------------- fleet

interface VehiclePlan {
  kind: VehicleKind;
  /** How the banner and call sign describe it. */
  label: string;
  callSign: string;
  plate: string;
  seats: number;
  wheelchairPlaces: number;
  stretchers: number;
  base: readonly [number, number];
  shift: readonly [string, string];
  off: boolean;
}

interface Fleet {
  vehicles: VehicleRow[];
  accounts: AccountRow[];
  drivers: DriverRow[];
  demoAccounts: DemoAccount[];
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const VOLUNTEER_SHIFTS = [
  ['07:00', '19:00'],
  ['06:30', '14:30'],
  ['13:00', '21:00'],
] as const;

function buildFleet(
  rng: Random,
  districtId: string,
  now: Date,
  passwordHash: string,
  placed: readonly PlacedCompound[],
): Fleet {
  const plates = new Set<string>();
  const uniquePlate = (draw: () => string): string => {
    for (;;) {
      const plate = draw();
      if (!plates.has(plate)) {
        plates.add(plate);
        return plate;
      }
    }
  };
  const digits = (n: number) => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
  const two = (i: number) => String(i + 1).padStart(2, '0');

  const ambulances = AMBULANCE_BASES.map(
    (base, i): VehiclePlan => ({
      kind: 'ambulance_120',
      label: '120急救车',
      callSign: `徐汇120-${two(i)}`,
      plate: uniquePlate(() => `沪A·${rng.int(10_000, 99_999)}`),
      seats: 2,
      wheelchairPlaces: 0,
      stretchers: 1,
      base,
      shift: ['00:00', '23:59'],
      off: false,
    }),
  );
  const volunteers = Array.from({ length: 20 }, (_, i): VehiclePlan => {
    // Volunteers drive their own cars from home, somewhere near the compounds they help.
    const home = rng.pick(placed).site;
    const newEnergy = rng.chance(0.3);
    return {
      kind: 'volunteer',
      label: '志愿者车辆',
      callSign: `志愿车-${two(i)}`,
      plate: uniquePlate(() =>
        newEnergy
          ? `沪${rng.pick([...PLATE_LETTERS.slice(0, 14)])}·D${digits(5)}`
          : `沪${rng.pick([...PLATE_LETTERS.slice(0, 14)])}·${rng.pick([...PLATE_LETTERS])}${digits(4)}`,
      ),
      seats: rng.int(3, 4),
      wheelchairPlaces: 0,
      stretchers: 0,
      base: offset(home.lng, home.lat, rng.real(-300, 300), rng.real(-300, 300)),
      shift: rng.pick(VOLUNTEER_SHIFTS),
      // A couple are off today, as some always are.
      off: i >= 18,
    };
  });
  const taxis = Array.from(
    { length: 7 },
    (_, i): VehiclePlan => ({
      kind: 'requisitioned',
      label: '征用出租车',
      callSign: `征用出租-${two(i)}`,
      plate: uniquePlate(() => `沪B·D${digits(4)}`),
      seats: 4,
      wheelchairPlaces: 0,
      stretchers: 0,
      base: rng.pick(TAXI_DEPOTS),
      shift: ['06:00', '18:00'],
      off: false,
    }),
  );
  const vans = STREET_OFFICES.map(
    (base, i): VehiclePlan => ({
      kind: 'requisitioned',
      label: '社区面包车',
      callSign: `社区车-${two(i)}`,
      plate: uniquePlate(() => `沪A·${rng.pick([...PLATE_LETTERS])}${digits(4)}`),
      seats: 6,
      wheelchairPlaces: rng.int(1, 2),
      stretchers: 0,
      base,
      // The only wheelchair places in the fleet, so they cover the whole dialysis day: pickups for
      // the 07:00 shift from ~06:15 to the returns of the 16:00 shift, released at 20:00.
      shift: ['06:00', '21:30'],
      off: false,
    }),
  );

  const firstVolunteer = volunteers[0];
  const firstAmbulance = ambulances[0];
  if (!firstVolunteer || !firstAmbulance)
    throw new Error('Demo fleet needs a volunteer car and an ambulance');
  // driver1 drives a volunteer car and driver2 an ambulance: the two kinds of job a demo should show.
  const ordered = [
    firstVolunteer,
    firstAmbulance,
    ...ambulances.slice(1),
    ...volunteers.slice(1),
    ...taxis,
    ...vans,
  ];

  const fleet: Fleet = { vehicles: [], accounts: [], drivers: [], demoAccounts: [] };
  ordered.forEach((plan, i) => {
    const vehicleId = rng.uuid();
    const [baseLng, baseLat] = plan.base;
    fleet.vehicles.push({
      id: vehicleId,
      districtId,
      kind: plan.kind,
      plate: plan.plate,
      callSign: plan.callSign,
      seats: plan.seats,
      wheelchairPlaces: plan.wheelchairPlaces,
      stretchers: plan.stretchers,
      baseLng,
      baseLat,
      shiftStart: plan.shift[0],
      shiftEnd: plan.shift[1],
      disinfectionMinutes: plan.kind === 'ambulance_120' ? 30 : 20,
      status: plan.off ? 'off' : 'available',
      lastLng: plan.off ? null : baseLng,
      lastLat: plan.off ? null : baseLat,
      lastSeenAt: plan.off ? null : now,
    });
    const username = `driver${i + 1}`;
    const sex: Sex = plan.kind === 'volunteer' && rng.chance(0.2) ? 'female' : 'male';
    const name = personName(rng, sex, rng.int(1967, 1997));
    const phone = mobile(rng);
    const accountId = rng.uuid();
    fleet.accounts.push({ id: accountId, username, passwordHash, role: 'driver', displayName: name, phone });
    fleet.drivers.push({ id: rng.uuid(), accountId, vehicleId, name, phone });
    fleet.demoAccounts.push({ username, role: 'driver', scopeLabel: `${plan.plate}（${plan.label}）` });
  });
  return fleet;
}

// ---------------------------------------------------------------- patient registry

/** How many of the 200 patients have each need: half on dialysis, as in the accounts of the 2022 lockdown (docs/product.md). */
const NEED_MIX: readonly (readonly [NeedKind, number])[] = [
  ['dialysis', 100],
  ['chemotherapy', 20],
  ['radiotherapy', 20],
  ['pregnancy', 30],
  ['newborn', 10],
  ['chronic', 20],
];

/** Age range and share of men for each need. */
const PROFILES: Record<Exclude<NeedKind, 'newborn'>, { ages: [number, number]; male: number }> = {
  dialysis: { ages: [40, 85], male: 0.55 },
  chemotherapy: { ages: [35, 80], male: 0.5 },
  radiotherapy: { ages: [35, 80], male: 0.5 },
  pregnancy: { ages: [23, 41], male: 0 },
  chronic: { ages: [60, 92], male: 0.45 },
  emergency: { ages: [18, 92], male: 0.5 },
};

const INFECTION_MIX: readonly (readonly [InfectionClass, number])[] = [
  ['normal', 85],
  ['close_contact', 10],
  ['positive', 5],
];

/** A schedule only looks this far ahead; the planner turns it into requests day by day. */
const HORIZON_DAYS = 56;

interface Registry {
  patients: PatientRow[];
  needs: NeedRow[];
}

function buildRegistry(
  rng: Random,
  now: Date,
  placed: readonly PlacedCompound[],
  placedHospitals: readonly PlacedHospital[],
  recorderFor: (compoundId: string) => string | null,
  adminId: string,
): Registry {
  const pool = NEED_MIX.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
  const dialysis = pool.filter((k) => k === 'dialysis');
  const others = rng.shuffle(pool.filter((k) => k !== 'dialysis'));

  // gatekeeper1's first compound carries a heavy dialysis load: the demo opens on the hardest case.
  const hub = placed.find((c) => c.site.name === GATEKEEPER1_COMPOUNDS[0]);
  if (!hub) throw new Error('Demo data lacks gatekeeper1’s compound');
  const hubKinds = [...dialysis.splice(0, 16), ...others.splice(0, 6)];
  const elsewhere = placed.filter((c) => c !== hub).map((c) => [c, rng.real(0.6, 1.4)] as const);
  const assignments = [
    ...hubKinds.map((kind) => ({ compound: hub, kind })),
    ...rng.shuffle([...dialysis, ...others]).map((kind) => ({ compound: rng.weighted(elsewhere), kind })),
  ];

  const taken = new Set<string>();
  const registry: Registry = { patients: [], needs: [] };
  for (const { compound, kind } of assignments) {
    const patientId = rng.uuid();
    const person = drawPerson(rng, now, kind);
    const recorder = recorderFor(compound.row.id);
    const consentAt = new Date(now.getTime() - rng.int(2, 20) * DAY_MS - rng.int(0, 36_000) * 1000);
    const regular = regularHospital(rng, compound.site, placedHospitals, SERVICE_FOR_NEED[kind]);
    const gate = rng.pick(compound.gates);
    const floor = rng.int(1, 6);

    registry.patients.push({
      id: patientId,
      compoundId: compound.row.id,
      gateId: gate.id,
      name: person.name,
      nationalId: nationalId(rng, person.birthDate, person.sex, taken),
      phone: person.phone,
      building: `${rng.int(1, 60)}号`,
      // Old 新村 lanes number houses only; newer estates have units per building.
      unit: compound.site.name.endsWith('村') ? '' : `${rng.int(1, 3)}单元`,
      room: `${floor}0${rng.int(1, 4)}室`,
      mobility: person.mobility,
      companions: person.companions,
      infectionClass: rng.weighted(INFECTION_MIX),
      regularHospitalId: regular,
      consent: {
        givenBy: person.consentBy,
        relation: person.consentRelation,
        at: consentAt.toISOString(),
        purposes: ['registry', 'transport', 'share_with_hospital'],
        recordedBy: recorder ?? adminId,
      },
      status: 'active',
      // Compounds without a demo gatekeeper came in through the spreadsheet import the admin ran.
      source: recorder ? 'gatekeeper' : 'import',
      notes: person.notes,
      createdBy: recorder ?? adminId,
      createdAt: consentAt,
      updatedAt: consentAt,
    });
    registry.needs.push({
      patientId,
      kind,
      schedule: needSchedule(rng, now, kind, person.birthDate),
      hospitalId: regular,
      active: true,
    });
  }
  return registry;
}

interface Person {
  name: string;
  sex: Sex;
  birthDate: string;
  phone: string;
  mobility: Mobility;
  companions: number;
  consentBy: string;
  consentRelation: string;
  notes: string;
}

function drawPerson(rng: Random, now: Date, kind: NeedKind): Person {
  const year = Number(shanghaiDate(now, 0).slice(0, 4));
  if (kind === 'newborn') {
    const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
    const birthDate = shanghaiDate(now, -rng.int(3, 50));
    const mother = personName(rng, 'female', rng.int(1985, 1999));
    // The mother consents, answers the phone and rides along.
    return {
      name: personName(rng, sex, year),
      sex,
      birthDate,
      phone: mobile(rng),
      mobility: 'walk',
      companions: 1,
      consentBy: mother,
      consentRelation: '母亲',
      notes: '新生儿，由母亲陪同',
    };
  }
  const profile = PROFILES[kind];
  const sex: Sex = rng.chance(profile.male) ? 'male' : 'female';
  const age = rng.int(profile.ages[0], profile.ages[1]);
  const month = rng.int(1, 12);
  const birthDate = `${year - age}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const name = personName(rng, sex, year - age);

  // Pregnant women walk; among the others ~19% use a wheelchair and ~4% are bedridden, so across all
  // patients the mix comes to ~15% and ~3%.
  let mobility: Mobility = 'walk';
  if (kind !== 'pregnancy') {
    const draw = rng.next();
    mobility = draw < 0.04 ? 'stretcher' : draw < 0.23 ? 'wheelchair' : 'walk';
  }
  const needsHelp = mobility !== 'walk' || age >= 75;
  const companions = (needsHelp ? rng.chance(0.8) : rng.chance(kind === 'pregnancy' ? 0.5 : 0.2)) ? 1 : 0;

  const byChild = age >= 80 && rng.chance(0.5);
  const notes =
    mobility === 'stretcher'
      ? '长期卧床，需担架'
      : mobility === 'wheelchair'
        ? '轮椅出行，需可载轮椅车辆'
        : '';
  return {
    name,
    sex,
    birthDate,
    phone: mobile(rng),
    mobility,
    companions,
    consentBy: byChild ? personName(rng, rng.chance(0.5) ? 'male' : 'female', year - age + 28) : name,
    consentRelation: byChild ? '子女' : '本人',
    notes,
  };
}

/** The hospital the patient has been going to: nearer ones much more likely, and one that has the service. */
function regularHospital(
  rng: Random,
  site: CompoundSite,
  placedHospitals: readonly PlacedHospital[],
  service: Service,
): string {
  const candidates = placedHospitals.flatMap(({ site: h, row }) =>
    h.services.some((s) => s.service === service)
      ? [[row.id, 1 / (distanceKm(site, h) + 1) ** 2] as const]
      : [],
  );
  return rng.weighted(candidates);
}

/** Moves a date off Sunday, when outpatient clinics are closed. */
function notSunday(now: Date, days: number): number {
  return isoWeekdayOf(shanghaiDate(now, days)) === 7 ? days + 1 : days;
}

function needSchedule(rng: Random, now: Date, kind: NeedKind, birthDate: string): NeedSchedule {
  switch (kind) {
    case 'dialysis':
      return {
        weekdays: rng.chance(0.5) ? [1, 3, 5] : [2, 4, 6],
        startTime: rng.pick(DIALYSIS_SHIFTS)[0],
        sessionMinutes: 240,
      };
    case 'chemotherapy': {
      // One infusion day per 14- or 21-day cycle.
      const cycle = rng.pick([14, 21]);
      const dates: string[] = [];
      for (let day = rng.int(0, 13); day < HORIZON_DAYS; day += cycle)
        dates.push(shanghaiDate(now, notSunday(now, day)));
      return {
        dates,
        startTime: rng.pick(['08:00', '08:30', '09:00', '13:00']),
        sessionMinutes: rng.pick([120, 180, 240, 360]),
      };
    }
    case 'radiotherapy': {
      // A course of 10–25 daily fractions, Monday to Friday.
      const fractions = rng.int(10, 25);
      const dates: string[] = [];
      for (let day = rng.int(0, 6); dates.length < fractions; day++) {
        const date = shanghaiDate(now, day);
        if (isoWeekdayOf(date) <= 5) dates.push(date);
      }
      return {
        dates,
        startTime: `${String(rng.int(8, 15)).padStart(2, '0')}:${rng.pick(['00', '30'])}`,
        sessionMinutes: 30,
      };
    }
    case 'pregnancy': {
      // Prenatal visits every 4 weeks until week 28, every 2 until 36, then weekly (Chinese guideline).
      const weeks = rng.int(12, 39);
      const dueIn = (40 - weeks) * 7 + rng.int(0, 6);
      const visits: string[] = [];
      let day = rng.int(1, 7);
      while (day < Math.min(HORIZON_DAYS, dueIn)) {
        visits.push(shanghaiDate(now, notSunday(now, day)));
        const gestationWeeks = weeks + day / 7;
        day += gestationWeeks < 28 ? 28 : gestationWeeks < 36 ? 14 : 7;
      }
      return {
        dueDate: shanghaiDate(now, dueIn),
        visits,
        startTime: rng.pick(['08:30', '09:00', '10:00', '13:30']),
        sessionMinutes: 120,
      };
    }
    case 'newborn': {
      // Checks on days 7, 14 and 28 and the 42-day check, those still ahead.
      const ageDays = Math.round((Date.parse(shanghaiDate(now, 0)) - Date.parse(birthDate)) / DAY_MS);
      const visits = [7, 14, 28, 42]
        .map((d) => d - ageDays)
        .filter((d) => d > 0 && d < HORIZON_DAYS)
        .map((d) => shanghaiDate(now, notSunday(now, d)));
      return { birthDate, visits, startTime: '09:00', sessionMinutes: 60 };
    }
    case 'chronic': {
      // Half of the chronic patients (by birth day, so the city's random draws stay as they were) have
      // their monthly follow-up today (Monday on a Sunday) — served online by default, at the times the
      // internet clinics run; the other half are stable and served by medicine delivery, no trip at all.
      const day = Number(birthDate.slice(8, 10));
      if (day % 2 === 1) return { medicineDelivery: true, visits: [] };
      const startTime = ['09:00', '10:30', '14:00', '15:30', '19:00'][day % 5] ?? '09:00';
      const first = notSunday(now, 0);
      return {
        medicineDelivery: false,
        visits: [first, notSunday(now, first + 28)].map((d) => ({
          date: shanghaiDate(now, d),
          startTime,
          minutes: 30,
        })),
      };
    }
    case 'emergency':
      return {};
    default:
      return exhaustive(kind, 'need kind');
  }
}
