import { gates } from '@lastmeter/db';
import type { CreateZoneBody, PlanDayResult } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import {
  createAccount,
  createCompound,
  createHospital,
  createHospitalSlot,
  createVehicle,
  square,
} from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import type { TestServer } from '../../support/test-server.ts';
import { addDays, bookDialysisRoundTrip, cityToday, type SeededDistrict } from './world.ts';

/** The day the busy district is planned for: tomorrow, so the plan is the same at any hour of the run. */
export const BUSY_DAY = addDays(cityToday().date, 1);

/**
 * Grows the seeded district into one a dispatcher has real work in, for screenshots: four compounds
 * under zones of each level, a second hospital, four vehicles (a 120 ambulance off duty), and
 * tomorrow's dialysis round trips planned by the planner — except a stretcher patient no vehicle on
 * duty can carry, who stays in the queue with the reason.
 */
export async function seedBusyDistrict(server: TestServer, city: SeededDistrict): Promise<PlanDayResult> {
  const db = server.app.db;
  const districtId = city.district.id;
  const compound = async (name: string, lng: number, lat: number) => {
    const row = await createCompound(db, districtId, { name, boundary: square(lng, lat, 0.002) });
    // Its gate on its own southern edge (the factory puts every gate at the first compound's).
    const [gate] = await db
      .update(gates)
      .set({ lng: lng + 0.001, lat: lat - 0.002 })
      .where(eq(gates.id, row.gate.id))
      .returning();
    if (!gate) throw new Error('the compound has no gate');
    const keeper = await createAccount(db, 'gatekeeper', { compoundIds: [row.id] });
    const people = { ...city.people, gatekeeper: { username: keeper.username, password: keeper.password } };
    return { ...city, compound: { ...row, gate }, people };
  };
  const kangjian = await compound('康健新村', 121.445, 31.178);
  const changqiao = await compound('长桥新村', 121.455, 31.166);
  const caohejing = await compound('漕河泾苑', 121.438, 31.192);

  const second = await createHospital(db, { districtId, name: '市第八人民医院', lng: 121.425, lat: 31.18 });
  for (let weekday = 1; weekday <= 7; weekday++)
    await createHospitalSlot(db, second.id, { weekday, startTime: '06:00', endTime: '18:00', capacity: 12 });

  const fleet = [
    { plate: '沪B·V2088', kind: 'requisitioned', seats: 6, wheelchairPlaces: 2, base: [121.452, 31.174] },
    { plate: '沪A·X1207', kind: 'volunteer', seats: 4, wheelchairPlaces: 1, base: [121.428, 31.186] },
    {
      plate: '沪A·120J1',
      kind: 'ambulance_120',
      seats: 2,
      stretchers: 1,
      base: [121.449, 31.188],
      off: true,
    },
  ] as const;
  for (const v of fleet) {
    const vehicle = await createVehicle(db, districtId, {
      plate: v.plate,
      kind: v.kind,
      seats: v.seats,
      wheelchairPlaces: 'wheelchairPlaces' in v ? v.wheelchairPlaces : 0,
      stretchers: 'stretchers' in v ? v.stretchers : 0,
      baseLng: v.base[0],
      baseLat: v.base[1],
      shiftStart: '06:00',
      shiftEnd: '20:00',
      status: 'off' in v ? 'off' : 'available',
    });
    await createAccount(db, 'driver', { vehicleId: vehicle.id });
  }

  const token = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await api<T>(server, 'POST', path, { token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const zones: CreateZoneBody[] = [
    { name: '康健新村封控区', level: 'sealed', geometry: square(121.445, 31.178, 0.003), validTo: null },
    { name: '田林管控区', level: 'controlled', geometry: square(121.431, 31.171, 0.004), validTo: null },
    { name: '长桥防范区', level: 'precaution', geometry: square(121.456, 31.167, 0.006), validTo: null },
  ];
  for (const zone of zones) await post(`/api/v1/districts/${districtId}/zones`, zone);

  const queued = { date: BUSY_DAY, vehicleId: null };
  const trips = [
    [city, { name: '陈玉兰', startTime: '07:00', mobility: 'wheelchair' }],
    [kangjian, { name: '周建国', startTime: '07:30', mobility: 'walk' }],
    [changqiao, { name: '吴秀珍', startTime: '08:00', mobility: 'walk' }],
    [caohejing, { name: '孙德明', startTime: '09:00', mobility: 'wheelchair' }],
    [kangjian, { name: '郑丽华', startTime: '12:30', mobility: 'walk' }],
    [changqiao, { name: '冯志强', startTime: '08:30', mobility: 'stretcher' }],
  ] as const;
  for (const [where, patient] of trips) await bookDialysisRoundTrip(server, where, patient, queued);
  return post<PlanDayResult>(`/api/v1/districts/${districtId}/plan`, { date: BUSY_DAY });
}
