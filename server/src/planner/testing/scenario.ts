import type {
  InfectionClass,
  LngLat,
  MatchHospital,
  Mobility,
  PlanDelivery,
  PlanInput,
  PlanPolicy,
  PlanTrip,
  PlanVehicle,
} from '@lastmeter/shared/planner.ts';
import { createRng, type Rng } from '../engine/rng.ts';

/** Generated scenarios for property tests and the city-scale benchmark (seeded, reproducible). */
export interface ScenarioOptions {
  trips: number;
  vehicles: number;
  hospitals: number;
  center: LngLat;
  /** Half-width of the square area, in degrees (0.05° ≈ 5 km). */
  spread: number;
  /** Epoch ms of midnight of the planned day. */
  day: number;
  policy?: PlanPolicy;
  /** Share of emergency trips (default 0.1). */
  emergencyShare?: number;
  idPrefix?: string;
  /** Medicine deliveries from the hospitals' pharmacies to the gates (default none). */
  deliveries?: number;
}

const H = 3600000;
const MIN = 60000;

const pickWeighted = <T>(rng: Rng, items: readonly (readonly [T, number])[]): T => {
  let x = rng.next();
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1]![0];
};

const point = (rng: Rng, c: LngLat, spread: number): LngLat => [
  Math.round((c[0] + (rng.next() * 2 - 1) * spread) * 1e6) / 1e6,
  Math.round((c[1] + (rng.next() * 2 - 1) * spread) * 1e6) / 1e6,
];

export function generateHospitals(rng: Rng, o: ScenarioOptions): MatchHospital[] {
  const out: MatchHospital[] = [];
  for (let h = 0; h < o.hospitals; h++) {
    out.push({
      id: `${o.idPrefix ?? ''}H${h}`,
      name: `Hospital ${h}`,
      entrance: point(rng, o.center, o.spread),
      acceptsPositive: h % 4 === 0,
      diverting: false,
      services: [
        {
          service: 'dialysis',
          slots: [0, 1, 2].map((s) => ({
            start: o.day + (7 + 4 * s) * H,
            end: o.day + (11 + 4 * s) * H,
            capacity: 20,
          })),
        },
        { service: 'oncology' },
        { service: 'obstetrics' },
        { service: 'emergency' },
      ],
    });
  }
  return out;
}

export function generateScenario(
  seed: number,
  o: ScenarioOptions,
): { input: PlanInput; hospitals: MatchHospital[] } {
  const rng = createRng(seed);
  const hospitals = generateHospitals(rng, o);
  const gates: LngLat[] = [];
  const nGates = Math.max(1, Math.round(o.trips / 6));
  for (let g = 0; g < nGates; g++) gates.push(point(rng, o.center, o.spread));
  const trips: PlanTrip[] = [];
  for (let t = 0; t < o.trips; t++) {
    const h = hospitals[rng.int(hospitals.length)]!;
    const emergency = rng.next() < (o.emergencyShare ?? 0.1);
    const mobility: Mobility = pickWeighted(rng, [
      ['walk', 0.7],
      ['wheelchair', 0.2],
      ['stretcher', 0.1],
    ]);
    const infectionClass: InfectionClass = pickWeighted(rng, [
      ['normal', 0.8],
      ['close_contact', 0.1],
      ['positive', 0.1],
    ]);
    const appt = o.day + 8 * H + rng.int(36) * 15 * MIN;
    const willCall = rng.next() < 0.1;
    trips.push({
      id: `${o.idPrefix ?? ''}T${t}`,
      gate: gates[rng.int(gates.length)]!,
      hospitalId: h.id,
      hospitalEntrance: h.entrance,
      appointmentFrom: emergency ? appt - 60 * MIN : appt - 20 * MIN,
      appointmentTo: appt,
      mobility,
      companions: rng.int(2),
      infectionClass,
      urgency: emergency ? 'emergency' : 'scheduled',
      returnMode: willCall
        ? rng.next() < 0.5
          ? { kind: 'will_call' }
          : { kind: 'will_call', releasedAt: appt + (60 + rng.int(120)) * MIN }
        : { kind: 'fixed', treatmentMinutes: 30 + rng.int(8) * 30 },
    });
  }
  const vehicles: PlanVehicle[] = [];
  for (let v = 0; v < o.vehicles; v++) {
    const kind = pickWeighted(rng, [
      ['ambulance_120', 0.25],
      ['volunteer', 0.45],
      ['requisitioned', 0.3],
    ] as const);
    const start = o.day + (6 + rng.int(3)) * H;
    vehicles.push({
      id: `${o.idPrefix ?? ''}V${v}`,
      kind,
      seats: kind === 'ambulance_120' ? 2 : kind === 'volunteer' ? 3 : 5,
      wheelchairPlaces: kind === 'volunteer' ? rng.int(2) : 1,
      stretchers: kind === 'ambulance_120' ? 1 : 0,
      base: point(rng, o.center, o.spread),
      shiftStart: start,
      shiftEnd: start + 12 * H,
      disinfectionMinutes: 15,
    });
  }
  // Drawn after the vehicles, so a scenario without deliveries is the same as before they existed.
  const deliveries: PlanDelivery[] = [];
  for (let d = 0; d < (o.deliveries ?? 0); d++) {
    const h = hospitals[rng.int(hospitals.length)]!;
    // The gate takes parcels in a morning or an afternoon window; the pharmacy opens at 08:00.
    const dropoffFrom = o.day + (rng.next() < 0.5 ? 10 : 14) * H;
    const dropoffTo = dropoffFrom + (3 + rng.int(2)) * H;
    deliveries.push({
      id: `${o.idPrefix ?? ''}D${d}`,
      pharmacy: h.entrance,
      gate: gates[rng.int(gates.length)]!,
      pickupFrom: o.day + 8 * H,
      pickupTo: dropoffTo,
      dropoffFrom,
      dropoffTo,
    });
  }
  return { input: { vehicles, trips, deliveries, policy: o.policy ?? {} }, hospitals };
}
