import { randomBytes } from 'node:crypto';
import {
  accountScopes,
  accounts,
  type Db,
  districts,
  drivers,
  hospitals,
  sessions,
  vehicles,
} from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import { hashSessionToken, newSessionToken } from '../../../domain/auth/session-token.ts';

export type ClientKind = 'driver' | 'dispatcher' | 'hospital';

/** One simulated person: a session token and the streams the server will put them in. */
export interface LoadClient {
  kind: ClientKind;
  token: string;
  /** The stream the benchmark's job events reach this person on (vehicle, district or hospital). */
  stream: string;
}

export interface SeededCity {
  clients: LoadClient[];
  /** Per district: its stream, its vehicles' streams, and the hospital streams jobs go to. */
  districts: Array<{ stream: string; vehicles: string[] }>;
  hospitals: string[];
}

export interface CityShape {
  sockets: number;
  districts: number;
  hospitals: number;
  dispatchersPerDistrict: number;
  desksPerHospital: number;
}

const BATCH = 500;

/**
 * A city's live users straight into the database: districts, hospitals, vehicles with drivers,
 * dispatchers scoped to a district, hospital desks, and a session for each. Sessions are inserted
 * directly: 10,000 password hashes would benchmark argon2, not sockets.
 */
export async function seedCity(db: Db, shape: CityShape): Promise<SeededCity> {
  const tag = randomBytes(3).toString('hex');
  const districtRows = await db
    .insert(districts)
    .values(
      Array.from({ length: shape.districts }, (_, i) => ({
        code: `L${tag}${i}`,
        name: `压测${i}区`,
        city: '上海市',
        center: [121.44 + i * 0.01, 31.18] as [number, number],
      })),
    )
    .returning({ id: districts.id });
  const hospitalRows = await db
    .insert(hospitals)
    .values(
      Array.from({ length: shape.hospitals }, (_, i) => ({
        name: `压测医院${tag}${i}`,
        lng: 121.45,
        lat: 31.19,
        entranceLng: 121.4502,
        entranceLat: 31.1901,
      })),
    )
    .returning({ id: hospitals.id });

  const clients: LoadClient[] = [];
  const sessionRows: Array<typeof sessions.$inferInsert> = [];
  const expiresAt = new Date(Date.now() + 6 * 3_600_000);
  const addSession = (accountId: string, kind: ClientKind, stream: string) => {
    const token = newSessionToken();
    sessionRows.push({ tokenHash: hashSessionToken(token), accountId, expiresAt });
    clients.push({ kind, token, stream });
  };

  // Dispatchers and hospital desks first: they listen; the rest of the sockets are drivers.
  for (const [d, district] of districtRows.entries()) {
    const made = await db
      .insert(accounts)
      .values(
        Array.from({ length: shape.dispatchersPerDistrict }, (_, i) => ({
          username: `load_dispatch_${tag}_${d}_${i}`,
          passwordHash: 'x',
          role: 'dispatcher' as const,
          displayName: `调度${d}-${i}`,
        })),
      )
      .returning({ id: accounts.id });
    await db.insert(accountScopes).values(made.map((a) => ({ accountId: a.id, districtId: district.id })));
    for (const a of made) addSession(a.id, 'dispatcher', rooms.district(district.id));
  }
  for (const [h, hospital] of hospitalRows.entries()) {
    const made = await db
      .insert(accounts)
      .values(
        Array.from({ length: shape.desksPerHospital }, (_, i) => ({
          username: `load_desk_${tag}_${h}_${i}`,
          passwordHash: 'x',
          role: 'hospital' as const,
          displayName: `接诊${h}-${i}`,
          hospitalId: hospital.id,
        })),
      )
      .returning({ id: accounts.id });
    for (const a of made) addSession(a.id, 'hospital', rooms.hospital(hospital.id));
  }

  const driverCount = Math.max(0, shape.sockets - clients.length);
  const cityDistricts: SeededCity['districts'] = districtRows.map((d) => ({
    stream: rooms.district(d.id),
    vehicles: [],
  }));
  for (let start = 0; start < driverCount; start += BATCH) {
    const n = Math.min(BATCH, driverCount - start);
    const index = Array.from({ length: n }, (_, i) => start + i);
    const vs = await db
      .insert(vehicles)
      .values(
        index.map((i) => ({
          districtId: districtRows[i % districtRows.length]!.id,
          kind: 'volunteer' as const,
          plate: `沪L·${tag}${i}`,
          seats: 4,
          baseLng: 121.44,
          baseLat: 31.18,
        })),
      )
      .returning({ id: vehicles.id });
    const as = await db
      .insert(accounts)
      .values(
        index.map((i) => ({
          username: `load_driver_${tag}_${i}`,
          passwordHash: 'x',
          role: 'driver' as const,
          displayName: `司机${i}`,
        })),
      )
      .returning({ id: accounts.id });
    await db
      .insert(drivers)
      .values(as.map((a, k) => ({ accountId: a.id, vehicleId: vs[k]!.id, name: `司机${start + k}` })));
    for (const [k, a] of as.entries()) {
      const stream = rooms.vehicle(vs[k]!.id);
      addSession(a.id, 'driver', stream);
      cityDistricts[(start + k) % districtRows.length]!.vehicles.push(stream);
    }
  }
  for (let start = 0; start < sessionRows.length; start += BATCH) {
    await db.insert(sessions).values(sessionRows.slice(start, start + BATCH));
  }
  return { clients, districts: cityDistricts, hospitals: hospitalRows.map((h) => rooms.hospital(h.id)) };
}
