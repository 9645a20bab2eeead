import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LngLat, MatchRequest, PlanTrip } from '@lastmeter/shared/planner.ts';
import { matchHospitals } from '../domain/matching.ts';
import type { Plan } from '../domain/plan.ts';
import { createTurfTravelModel } from '../domain/travel.ts';
import { createRng } from '../engine/rng.ts';
import { checkPlan } from '../testing/check-plan.ts';
import { generateHospitals, generateScenario } from '../testing/scenario.ts';
import { defaultThreads, PlannerPool } from '../threads/pool.ts';
import { numberFlag, parseArgs } from './args.ts';

// pnpm bench:city [--trips 10000] [--deliveries 2000] [--districts 16] [--vehicles 600] [--hospitals 60]
//                  [--budget 50] [--threads N] [--seed 1] [--check]
// A generated city day: hospital matching for every request, then one plan per district
// (districts are planned independently: their fleets and compounds are separate), --threads
// districts at a time in planner threads (default: the cores), within a total wall-clock budget.
// Medicine deliveries (pharmacy → gate, issue 12) are planned together with the legs; the report
// counts how they batch per vehicle-run (a stretch of a route between two moments it is empty).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { flags } = parseArgs(process.argv.slice(2));
const trips = numberFlag(flags, 'trips', 10000);
const deliveryCount = numberFlag(flags, 'deliveries', 2000);
const districts = numberFlag(flags, 'districts', 16);
const vehicles = numberFlag(flags, 'vehicles', 600);
const hospitalCount = numberFlag(flags, 'hospitals', 60);
const budgetS = numberFlag(flags, 'budget', 50);
const threads = numberFlag(flags, 'threads', defaultThreads());
const seed = numberFlag(flags, 'seed', 1);
const DAY = Date.UTC(2022, 3, 11) - 8 * 3600000; // midnight, Asia/Shanghai
const city: LngLat = [121.47, 31.23];
const side = Math.ceil(Math.sqrt(districts));
const step = 0.08;

let peakRss = process.memoryUsage().rss;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

const loadStart = loadavg()[0]!;
const t0 = performance.now();
const travel = createTurfTravelModel();
const hospitals = generateHospitals(createRng(seed), {
  trips: 0,
  vehicles: 0,
  hospitals: hospitalCount,
  center: city,
  spread: (side * step) / 2,
  day: DAY,
});
let legs = 0;
let served = 0;
let unmatched = 0;
let vehicleHours = 0;
let rideWeighted = 0;
let vehiclesUsed = 0;
let iterations = 0;
let unservedLegs = 0;
const parcelRuns = { deliveries: 0, served: 0, runs: 0, shared: 0, max: 0, vehicles: 0 };
const perDistrict: string[] = [];
const reasons = new Map<string, number>();
const pool = new PlannerPool(threads);
await pool.ready(threads);
const planned: Promise<void>[] = [];
const rows: string[] = new Array(districts);
for (let d = 0; d < districts; d++) {
  const center: LngLat = [
    city[0] + ((d % side) - (side - 1) / 2) * step,
    city[1] + (Math.floor(d / side) - (side - 1) / 2) * step,
  ];
  const nTrips = Math.floor(trips / districts) + (d < trips % districts ? 1 : 0);
  const nVehicles = Math.floor(vehicles / districts) + (d < vehicles % districts ? 1 : 0);
  const nDeliveries = Math.floor(deliveryCount / districts) + (d < deliveryCount % districts ? 1 : 0);
  const { input } = generateScenario(seed * 1000 + d, {
    trips: nTrips,
    deliveries: nDeliveries,
    vehicles: nVehicles,
    hospitals: 1,
    center,
    spread: step / 2,
    day: DAY,
    idPrefix: `d${d}-`,
  });
  // 供需匹配 first: regular hospital = one of the three nearest, then the rules decide.
  const rng = createRng(seed * 7 + d);
  const byDistance = hospitals
    .map((h) => ({ h, dist: Math.hypot(h.entrance[0] - center[0], h.entrance[1] - center[1]) }))
    .sort((a, b) => a.dist - b.dist);
  const requests: MatchRequest[] = input.trips.map((t) => ({
    id: t.id,
    gate: t.gate,
    service: t.urgency === 'emergency' ? 'emergency' : rng.next() < 0.6 ? 'dialysis' : 'oncology',
    appointmentAt: t.appointmentTo,
    infectionClass: t.infectionClass,
    urgency: t.urgency,
    regularHospitalId: byDistance[rng.int(3)]!.h.id,
  }));
  const { matches } = matchHospitals({ requests, hospitals, policy: { maxTravelMinutes: 60 }, travel });
  const matched = new Map(matches.map((m) => [m.requestId, m]));
  const plannedTrips: PlanTrip[] = [];
  for (const t of input.trips) {
    const m = matched.get(t.id);
    if (!m) {
      unmatched++;
      continue;
    }
    const h = hospitals.find((x) => x.id === m.hospitalId)!;
    plannedTrips.push({ ...t, hospitalId: h.id, hospitalEntrance: h.entrance });
  }
  // Each parcel is filled at one of the three pharmacies nearest the district.
  const deliveries = (input.deliveries ?? []).map((x) => ({
    ...x,
    pharmacy: byDistance[rng.int(3)]!.h.entrance,
  }));
  const dayInput = { ...input, trips: plannedTrips, deliveries };
  // Every district gets the same share of the budget; `threads` of them search at a time.
  const limitMs = (Math.max(1, budgetS - (performance.now() - t0) / 1000) * 1000 * threads) / districts;
  const queued = performance.now();
  planned.push(
    pool.run({ kind: 'plan', input: dayInput, timeLimitMs: limitMs, seed }, 1).then((plan) => {
      sample();
      if (flags.has('check')) {
        const errors = checkPlan(dayInput, plan, travel);
        if (errors.length > 0)
          console.error(`district ${d}: ${errors.length} violations, e.g. ${errors.slice(0, 3).join('; ')}`);
      }
      for (const u of plan.unserved)
        if (!u.legId.endsWith(':dlv')) reasons.set(u.reason.code, (reasons.get(u.reason.code) ?? 0) + 1);
      const batched = batchingOf(plan);
      parcelRuns.deliveries += nDeliveries;
      parcelRuns.served += batched.served;
      parcelRuns.runs += batched.runs;
      parcelRuns.shared += batched.shared;
      parcelRuns.max = Math.max(parcelRuns.max, batched.max);
      parcelRuns.vehicles += batched.vehicles;
      legs += plan.stats.legs;
      served += plan.stats.served;
      unservedLegs += plan.unserved.length - (plan.stats.deliveries - plan.stats.deliveriesServed);
      vehicleHours += plan.stats.vehicleHours;
      rideWeighted += plan.stats.meanRideMinutes * plan.stats.served;
      vehiclesUsed += plan.stats.vehiclesUsed;
      iterations += plan.stats.iterations;
      rows[d] =
        `| ${d} | ${nTrips} | ${nVehicles} | ${plan.stats.legs} | ${plan.stats.served} | ${plan.unserved.length - (plan.stats.deliveries - plan.stats.deliveriesServed)} | ${plan.awaitingRelease.length} | ${plan.stats.deliveriesServed}/${plan.stats.deliveries} | ${batched.runs ? (batched.served / batched.runs).toFixed(1) : '–'} | ${plan.stats.vehicleHours.toFixed(1)} | ${plan.stats.meanRideMinutes.toFixed(1)} | ${plan.stats.iterations} | ${((performance.now() - queued) / 1000).toFixed(1)} |`;
    }),
  );
}
await Promise.all(planned);
await pool.close();
perDistrict.push(...rows);
const seconds = (performance.now() - t0) / 1000;
const loadEnd = loadavg()[0]!;
clearInterval(sampler);
sample();
const summary = {
  trips,
  districts,
  vehicles,
  hospitals: hospitalCount,
  legsPlanned: legs,
  legsServed: served,
  legsUnserved: unservedLegs,
  tripsUnmatched: unmatched,
  vehiclesUsed,
  vehicleHours: Math.round(vehicleHours * 10) / 10,
  meanRideMinutes: Math.round((rideWeighted / Math.max(1, served)) * 10) / 10,
  iterations,
  seconds: Math.round(seconds * 10) / 10,
  peakRssMB: Math.round(peakRss / 1048576),
  unservedByReason: Object.fromEntries(reasons),
  deliveries: {
    planned: parcelRuns.deliveries,
    served: parcelRuns.served,
    runsWithDeliveries: parcelRuns.runs,
    meanPerRun: Math.round((parcelRuns.served / Math.max(1, parcelRuns.runs)) * 100) / 100,
    maxPerRun: parcelRuns.max,
    runsSharedWithPatients: parcelRuns.shared,
    vehiclesCarrying: parcelRuns.vehicles,
  },
  threads,
  loadStart: Math.round(loadStart * 10) / 10,
  loadEnd: Math.round(loadEnd * 10) / 10,
};
const lines = [
  '# City-scale day',
  '',
  `Generated ${new Date().toISOString()} by \`pnpm bench:city${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` (seed ${seed}); ${threads} planner threads on a ${cpus().length}-core machine, ${threads} districts at a time, ${budgetS} s budget in all; wall clock. The machine was shared: 1-min load average ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end.`,
  '',
  '| trips | districts | vehicles | hospitals | legs planned | served | unserved | vehicles used | vehicle-hours | mean ride (min) | seconds | peak RSS (MB) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${trips} | ${districts} | ${vehicles} | ${hospitalCount} | ${legs} | ${served} | ${unservedLegs} | ${vehiclesUsed} | ${summary.vehicleHours} | ${summary.meanRideMinutes} | ${summary.seconds} | ${summary.peakRssMB} |`,
  '',
  'Legs planned exclude will-call returns not yet released and trips without a hospital match.',
  `Unserved by reason: ${[...reasons].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}.`,
  '',
  '## Medicine deliveries, batched per vehicle-run',
  '',
  'Planned in the same search as the legs. A vehicle-run is a stretch of a route between two moments the vehicle is empty; parcels ride beside normal patients, never beside close contacts or positives, never in a 120 ambulance.',
  '',
  '| deliveries | served | vehicle-runs carrying parcels | parcels per run (mean) | most in one run | runs shared with patients | vehicles carrying parcels |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  `| ${parcelRuns.deliveries} | ${parcelRuns.served} | ${parcelRuns.runs} | ${summary.deliveries.meanPerRun} | ${parcelRuns.max} | ${parcelRuns.shared} | ${parcelRuns.vehicles} |`,
  '',
  '| district | trips | vehicles | legs | served | unserved | awaiting release | deliveries served | parcels per run | vehicle-hours | mean ride | iterations | seconds (queued + searched) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...perDistrict,
  '',
];
console.log(lines.join('\n'));
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench-results', 'city.md'), lines.join('\n'));
writeFileSync(join(repoRoot, 'bench-results', 'city.json'), `${JSON.stringify(summary, null, 2)}\n`);

/**
 * How a plan batches its parcels: each route split into vehicle-runs (from the first pickup after the
 * vehicle was empty to the drop-off that empties it), counting the parcels each run hands over and
 * whether patients rode in the same run.
 */
function batchingOf(plan: Plan): {
  served: number;
  runs: number;
  shared: number;
  max: number;
  vehicles: number;
} {
  const out = { served: 0, runs: 0, shared: 0, max: 0, vehicles: 0 };
  for (const route of plan.routes) {
    const aboard = new Set<string>();
    let parcels = 0;
    let patients = false;
    let carried = false;
    for (const stop of route.stops) {
      const parcel = stop.legId.endsWith(':dlv');
      if (stop.type === 'pickup') {
        aboard.add(stop.legId);
        if (!parcel) patients = true;
        continue;
      }
      aboard.delete(stop.legId);
      if (parcel) parcels++;
      if (aboard.size > 0) continue;
      if (parcels > 0) {
        out.served += parcels;
        out.runs++;
        out.max = Math.max(out.max, parcels);
        if (patients) out.shared++;
        carried = true;
      }
      parcels = 0;
      patients = false;
    }
    if (carried) out.vehicles++;
  }
  return out;
}
