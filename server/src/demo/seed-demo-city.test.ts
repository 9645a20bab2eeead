import {
  accountScopes,
  accounts,
  careNeeds,
  compounds,
  type DatabaseHandle,
  districts,
  drivers,
  gates,
  hospitalSlots,
  hospitals,
  openDatabase,
  patients,
  vehicles,
  zones,
} from '@lastmeter/db';
import { SERVICE_FOR_NEED } from '@lastmeter/shared';
import { compoundLevel, validatePolygonal } from '@lastmeter/shared/geo/zone-level.ts';
import { isValidMainlandMobile, isValidNationalId } from '@lastmeter/shared/identity.ts';
import { booleanIntersects, distance, point, pointToLineDistance, polygonToLine } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../domain/auth/password.ts';
import { startProjections } from '../projections.ts';
import { type DemoCitySummary, isDatabaseEmpty, seedDemoCity } from './seed-demo-city.ts';

const NOW = new Date('2022-04-12T01:30:00Z');

let handle: DatabaseHandle;
let summary: DemoCitySummary;
let wasEmpty: boolean;

beforeAll(async () => {
  startProjections();
  handle = await openDatabase({ dataDir: 'memory://' });
  wasEmpty = await isDatabaseEmpty(handle.db);
  summary = await seedDemoCity({ db: handle.db, hashPassword, now: NOW });
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

const load = async () => {
  const { db } = handle;
  return {
    districts: await db.select().from(districts),
    compounds: await db.select().from(compounds),
    gates: await db.select().from(gates),
    zones: await db.select().from(zones),
    hospitals: await db.select().from(hospitals),
    slots: await db.select().from(hospitalSlots),
    vehicles: await db.select().from(vehicles),
    accounts: await db.select().from(accounts),
    scopes: await db.select().from(accountScopes),
    drivers: await db.select().from(drivers),
    patients: await db.select().from(patients),
    needs: await db.select().from(careNeeds),
  };
};

function only<T>(items: readonly T[], predicate: (item: T) => boolean): T {
  const found = items.filter(predicate);
  expect(found).toHaveLength(1);
  return found[0] as T;
}

describe('seedDemoCity', () => {
  it('goes into an empty database only', async () => {
    expect(wasEmpty).toBe(true);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
    await expect(seedDemoCity({ db: handle.db, hashPassword, now: NOW })).rejects.toThrow(/empty/);
  });

  it('creates 徐汇区 with counts in the documented ranges, as the summary reports', async () => {
    const city = await load();
    expect(city.districts).toEqual([
      expect.objectContaining({ code: '310104', name: '徐汇区', city: '上海市' }),
    ]);
    expect(summary.districtId).toBe(city.districts[0]?.id);
    expect(city.compounds.length).toBeGreaterThanOrEqual(18);
    expect(city.compounds.length).toBeLessThanOrEqual(22);
    expect(city.hospitals).toHaveLength(8);
    expect(city.vehicles.length).toBeGreaterThanOrEqual(35);
    expect(city.vehicles.length).toBeLessThanOrEqual(45);
    expect(city.patients.length).toBeGreaterThanOrEqual(180);
    expect(city.patients.length).toBeLessThanOrEqual(220);
    expect(summary).toMatchObject({
      compounds: city.compounds.length,
      hospitals: city.hospitals.length,
      vehicles: city.vehicles.length,
      patients: city.patients.length,
      password: 'lastmeter',
    });
    expect(new Set(city.compounds.map((c) => c.selfRegistrationToken)).size).toBe(city.compounds.length);
    for (const c of city.compounds) expect(c.selfRegistrationToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('draws valid, non-overlapping compound boundaries inside 徐汇 with 1–3 gates on them', async () => {
    const city = await load();
    for (const compound of city.compounds) {
      expect(validatePolygonal(compound.boundary), compound.name).toEqual([]);
      const ring = compound.boundary.type === 'Polygon' ? compound.boundary.coordinates[0] : undefined;
      expect(ring?.length).toBeGreaterThanOrEqual(6);
      expect(ring?.length).toBeLessThanOrEqual(9);
      for (const [lng = 0, lat = 0] of ring ?? []) {
        expect(lng).toBeGreaterThan(121.39);
        expect(lng).toBeLessThan(121.48);
        expect(lat).toBeGreaterThan(31.12);
        expect(lat).toBeLessThan(31.22);
      }
      const own = city.gates.filter((g) => g.compoundId === compound.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(3);
      expect(new Set(own.map((g) => g.name)).size).toBe(own.length);
      const outline = polygonToLine(compound.boundary);
      if (outline.type !== 'Feature' || outline.geometry.type !== 'LineString')
        throw new Error('A one-ring polygon has a LineString outline');
      for (const gate of own) {
        const metres = pointToLineDistance(point([gate.lng, gate.lat]), outline.geometry, {
          units: 'meters',
        });
        expect(metres, `${compound.name} ${gate.name}`).toBeLessThan(2);
      }
    }
    for (const [i, a] of city.compounds.entries()) {
      for (const b of city.compounds.slice(i + 1)) {
        expect(booleanIntersects(a.boundary, b.boundary), `${a.name} / ${b.name}`).toBe(false);
      }
    }
  });

  it('locks down compounds through one sealed and one controlled zone, levels as compoundLevel derives them', async () => {
    const city = await load();
    expect(city.zones.map((z) => z.level).sort()).toEqual(['controlled', 'sealed']);
    for (const zone of city.zones) {
      expect(validatePolygonal(zone.geometry)).toEqual([]);
      expect(zone.validFrom.getTime()).toBe(NOW.getTime() - 3 * 86_400_000);
      expect(zone.validTo).toBeNull();
    }
    const sealed = city.compounds.filter((c) => c.level === 'sealed');
    const controlled = city.compounds.filter((c) => c.level === 'controlled');
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    expect(sealed.length).toBeLessThanOrEqual(3);
    expect(controlled.length).toBeGreaterThanOrEqual(3);
    expect(controlled.length).toBeLessThanOrEqual(4);
    for (const compound of city.compounds) {
      const derived = compoundLevel(compound.boundary, city.zones, NOW);
      expect({ level: compound.level, zoneId: compound.levelZoneId }, compound.name).toEqual(derived);
    }
  });

  it('gives hospitals an entrance nearby, weekly slots, one diverting and one or two designated', async () => {
    const city = await load();
    expect(city.hospitals.map((h) => h.name)).toContain('复旦大学附属中山医院');
    for (const h of city.hospitals) {
      const metres = distance(point([h.entranceLng, h.entranceLat]), point([h.lng, h.lat]), {
        units: 'meters',
      });
      expect(metres, h.name).toBeGreaterThan(10);
      expect(metres, h.name).toBeLessThan(80);
      expect(city.slots.some((s) => s.hospitalId === h.id)).toBe(true);
    }
    expect(city.hospitals.filter((h) => h.status === 'diverting')).toHaveLength(1);
    const designated = city.hospitals.filter((h) => h.acceptsPositive).length;
    expect(designated).toBeGreaterThanOrEqual(1);
    expect(designated).toBeLessThanOrEqual(2);
    expect(new Set(city.hospitals.map((h) => h.crowding)).size).toBeGreaterThanOrEqual(3);

    const dialysis = city.slots.filter((s) => s.service === 'dialysis');
    const dialysisHospitals = new Set(dialysis.map((s) => s.hospitalId));
    for (const hospitalId of dialysisHospitals) {
      const own = dialysis.filter((s) => s.hospitalId === hospitalId);
      expect(new Set(own.map((s) => s.weekday))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
      expect(new Set(own.map((s) => s.startTime))).toEqual(new Set(['07:00', '11:30', '16:00']));
      for (const s of own) {
        expect(s.capacity).toBeGreaterThanOrEqual(20);
        expect(s.capacity).toBeLessThanOrEqual(40);
      }
    }
    for (const service of ['oncology', 'obstetrics', 'neonatal', 'emergency', 'general'] as const) {
      expect(
        city.slots.some((s) => s.service === service),
        service,
      ).toBe(true);
    }
  });

  it('registers patients with valid identities, the requested mixes and hospitals that offer their need', async () => {
    const city = await load();
    const n = city.patients.length;
    expect(new Set(city.patients.map((p) => p.nationalId)).size).toBe(n);
    for (const p of city.patients) {
      expect(isValidNationalId(p.nationalId), p.nationalId).toBe(true);
      expect(p.nationalId.startsWith('310104')).toBe(true);
      expect(isValidMainlandMobile(p.phone), p.phone).toBe(true);
      expect(p.status).toBe('active');
      expect(p.consent?.givenBy).toBeTruthy();
      expect(p.companions).toBeGreaterThanOrEqual(0);
      expect(p.companions).toBeLessThanOrEqual(1);
      const gate = only(city.gates, (g) => g.id === p.gateId);
      expect(gate.compoundId).toBe(p.compoundId);
    }
    const share = (predicate: (p: (typeof city.patients)[number]) => boolean) =>
      city.patients.filter(predicate).length / n;
    expect(share((p) => p.mobility === 'wheelchair')).toBeGreaterThan(0.08);
    expect(share((p) => p.mobility === 'wheelchair')).toBeLessThan(0.25);
    expect(share((p) => p.mobility === 'stretcher')).toBeGreaterThan(0);
    expect(share((p) => p.mobility === 'stretcher')).toBeLessThan(0.08);
    expect(share((p) => p.infectionClass === 'normal')).toBeGreaterThan(0.75);
    expect(share((p) => p.infectionClass === 'close_contact')).toBeGreaterThan(0.03);
    expect(share((p) => p.infectionClass === 'positive')).toBeGreaterThan(0);

    expect(city.needs).toHaveLength(n);
    const kinds = new Map<string, number>();
    for (const need of city.needs) kinds.set(need.kind, (kinds.get(need.kind) ?? 0) + 1);
    expect((kinds.get('dialysis') ?? 0) / n).toBeCloseTo(0.5, 1);
    for (const kind of ['chemotherapy', 'radiotherapy', 'pregnancy', 'newborn', 'chronic']) {
      expect(kinds.get(kind), kind).toBeGreaterThan(0);
    }
    for (const need of city.needs) {
      const patient = only(city.patients, (p) => p.id === need.patientId);
      expect(need.hospitalId).toBe(patient.regularHospitalId);
      const service = SERVICE_FOR_NEED[need.kind];
      expect(
        city.slots.some((s) => s.hospitalId === need.hospitalId && s.service === service),
        need.kind,
      ).toBe(true);
      if (need.kind === 'dialysis') {
        expect([
          [1, 3, 5],
          [2, 4, 6],
        ]).toContainEqual(need.schedule.weekdays);
        expect(['07:00', '11:30', '16:00']).toContain(need.schedule.startTime);
        expect(need.schedule.sessionMinutes).toBe(240);
      }
      if (need.kind === 'chemotherapy' || need.kind === 'radiotherapy') {
        const dates = need.schedule.dates as string[];
        expect(dates.length).toBeGreaterThan(0);
        expect(dates.every((d) => d >= '2022-04-12')).toBe(true);
      }
      if (need.kind === 'pregnancy') expect((need.schedule.dueDate as string) > '2022-04-12').toBe(true);
      if (need.kind === 'chronic') {
        // Stable ones by delivery; the others have their follow-up today (NOW is a Tuesday), served online.
        const visits = need.schedule.visits as Array<{ date: string }>;
        if (need.schedule.medicineDelivery) expect(visits).toEqual([]);
        else expect(visits[0]?.date).toBe('2022-04-12');
      }
    }
  });

  it('creates the demo accounts with their roles and scopes, all with the demo password', async () => {
    const city = await load();
    const byUsername = (username: string) => only(city.accounts, (a) => a.username === username);
    const scopesOf = (username: string) => city.scopes.filter((s) => s.accountId === byUsername(username).id);

    expect(byUsername('admin').role).toBe('admin');
    expect(byUsername('dispatcher').role).toBe('dispatcher');
    expect(scopesOf('dispatcher')).toEqual([
      expect.objectContaining({ districtId: summary.districtId, compoundId: null }),
    ]);

    const gk1 = scopesOf('gatekeeper1').map((s) => s.compoundId);
    const gk2 = scopesOf('gatekeeper2').map((s) => s.compoundId);
    expect(byUsername('gatekeeper1').role).toBe('gatekeeper');
    expect(byUsername('gatekeeper2').role).toBe('gatekeeper');
    expect(gk1).toHaveLength(2);
    expect(gk2).toHaveLength(2);
    expect(gk1.filter((id) => gk2.includes(id))).toEqual([]);
    // gatekeeper1 opens on a compound with many dialysis patients.
    const dialysisIn = (compoundId: string | null) =>
      city.needs.filter(
        (need) =>
          need.kind === 'dialysis' &&
          city.patients.some((p) => p.id === need.patientId && p.compoundId === compoundId),
      ).length;
    expect(dialysisIn(gk1[0] ?? null)).toBeGreaterThanOrEqual(10);

    const hospital1 = byUsername('hospital1');
    expect(hospital1.role).toBe('hospital');
    expect(only(city.hospitals, (h) => h.id === hospital1.hospitalId).name).toBe('复旦大学附属中山医院');

    const vehicleOf = (username: string) => {
      const driver = only(city.drivers, (d) => d.accountId === byUsername(username).id);
      return only(city.vehicles, (v) => v.id === driver.vehicleId);
    };
    expect(byUsername('driver1').role).toBe('driver');
    expect(vehicleOf('driver1').kind).toBe('volunteer');
    expect(vehicleOf('driver2').kind).toBe('ambulance_120');

    // One shared hash: verifying it once proves every demo account's password.
    expect(new Set(city.accounts.map((a) => a.passwordHash)).size).toBe(1);
    expect(await verifyPassword(byUsername('admin').passwordHash, 'lastmeter')).toBe(true);

    expect(summary.accounts.map((a) => a.username).sort()).toEqual(
      city.accounts.map((a) => a.username).sort(),
    );
    for (const a of summary.accounts) {
      expect(a.role).toBe(byUsername(a.username).role);
      expect(a.scopeLabel).not.toBe('');
    }
  });

  it('gives every vehicle exactly one driver account and the requested fleet mix', async () => {
    const city = await load();
    for (const vehicle of city.vehicles) {
      const driver = only(city.drivers, (d) => d.vehicleId === vehicle.id);
      expect(only(city.accounts, (a) => a.id === driver.accountId).role).toBe('driver');
      expect(vehicle.disinfectionMinutes).toBe(vehicle.kind === 'ambulance_120' ? 30 : 20);
      expect(vehicle.plate).toMatch(/^沪[A-Z]·[A-Z0-9]{5,6}$/);
    }
    const ambulances = city.vehicles.filter((v) => v.kind === 'ambulance_120');
    expect(ambulances.length).toBeGreaterThanOrEqual(6);
    expect(ambulances.every((v) => v.stretchers === 1 && v.seats === 2)).toBe(true);
    const volunteers = city.vehicles.filter((v) => v.kind === 'volunteer');
    expect(volunteers.length).toBeGreaterThanOrEqual(15);
    expect(volunteers.every((v) => v.seats >= 3 && v.seats <= 4 && v.wheelchairPlaces === 0)).toBe(true);
    const requisitioned = city.vehicles.filter((v) => v.kind === 'requisitioned');
    expect(requisitioned.length).toBeGreaterThanOrEqual(10);
    expect(requisitioned.some((v) => v.wheelchairPlaces > 0)).toBe(true);
  });

  it('is deterministic: the same seed gives the same city', async () => {
    const other = await openDatabase({ dataDir: 'memory://' });
    try {
      // A trivial hash keeps this fast; the password is not what is compared here.
      await seedDemoCity({ db: other.db, hashPassword: async () => 'hash', now: NOW });
      const project = async (db: DatabaseHandle['db']) =>
        (
          await db
            .select({ id: patients.id, name: patients.name, nationalId: patients.nationalId })
            .from(patients)
        ).sort((a, b) => a.id.localeCompare(b.id));
      expect(await project(other.db)).toEqual(await project(handle.db));
    } finally {
      await other.close();
    }
  }, 30_000);
});
