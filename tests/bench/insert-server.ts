/**
 * Emergency insertion on the server (docs/product.md, emergencies): a district day of
 * ~500 planned legs on 50 vehicles, then an emergency raised again and again at the same moment of
 * that day. Each one takes the path a real call takes — `createRoundTrip`: match a hospital, open the
 * round trip, insert it into the running plan on an ambulance (a planner thread), pass the schedule
 * gate, commit, record the events — and is then rolled back, so every insertion meets the same plan.
 * Prints p50/p99/max wall time, where it goes (per phase) and how many were placed; asserts nothing.
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test pnpm bench:insert [--legs 500] [--vehicles 50] [--insertions 200]
 *     [--profile insert.cpuprofile] [--slowest 8]   (a CPU profile of the timed insertions, for Chrome DevTools)
 *
 * Without DATABASE_URL it runs on the embedded PGlite. The clock is injected (a fixed "now" on a
 * weekday two weeks ahead), so the figures do not depend on the time of day it runs at.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '@lastmeter/db';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { createRoundTrip } from '@lastmeter/server/domain/trips/create-round-trip.ts';
import { planDistrictDay } from '@lastmeter/server/domain/trips/plan-district-day.ts';
import { collectSpans } from '@lastmeter/server/observability/spans.ts';
import { sql } from 'drizzle-orm';
import { CITY_TIME_ZONE, weekdayAhead } from '../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createHospitalSlot,
  createPatient,
  createRequest,
  createVehicle,
  square,
  validNationalId,
} from '../support/factories.ts';
import { startTestServer } from '../support/test-server.ts';

const { values: args } = parseArgs({
  options: {
    legs: { type: 'string', default: '500' },
    vehicles: { type: 'string', default: '50' },
    insertions: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    /** Write a CPU profile of the timed insertions (not the seeding) to this file (.cpuprofile). */
    profile: { type: 'string' },
    /** Print the N slowest insertions with their phases and the GC time inside them. */
    slowest: { type: 'string', default: '0' },
  },
});
const LEGS = Number(args.legs);
const VEHICLES = Number(args.vehicles);
const INSERTIONS = Number(args.insertions);
const SLOWEST = Number(args.slowest);
const WARMUP = 20;
/**
 * The phases of an insertion (server/src/observability/spans.ts): open = match a hospital and open the
 * round trip; world = load what the planner sees; planner = the insertion itself; commit = write the
 * bookings; gate = the schedule gate over the changed vehicles; record = settle statuses and record
 * the events; other = the rest (loading, authorizing and presenting the trip).
 */
const PHASES = ['open', 'world', 'planner', 'commit', 'gate', 'record', 'other'] as const;
const AMBULANCES = Math.max(2, Math.round(VEHICLES / 5));
const DATE = weekdayAhead(3);
const WEEKDAY = 3;
/** Mid-morning of the planned day: the morning's legs are under way or done, the rest booked. */
const NOW = new Date(`${DATE}T10:00:00+08:00`);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let state = Number(args.seed) * 2654435761;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const around = (spread: number) => (random() * 2 - 1) * spread;
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

const started = performance.now();
const server = await startTestServer({ logLevel: 'silent' });
const db: Db = server.app.db;
try {
  // A district of 12 compounds around a centre, 4 hospitals taking dialysis and emergencies all day.
  const district = await createDistrict(db);
  const centre: [number, number] = [121.47, 31.23];
  const compounds = [];
  for (let i = 0; i < 12; i++) {
    const lng = centre[0] + around(0.05);
    const lat = centre[1] + around(0.05);
    compounds.push(await createCompound(db, district.id, { boundary: square(lng, lat) }));
  }
  const hospitals = [];
  for (let i = 0; i < 4; i++) {
    const lng = centre[0] + around(0.06);
    const lat = centre[1] + around(0.06);
    const h = await createHospital(db, { lng, lat, entranceLng: lng, entranceLat: lat });
    for (const service of ['dialysis', 'emergency'] as const)
      await createHospitalSlot(db, h.id, {
        service,
        weekday: WEEKDAY,
        startTime: '00:00',
        endTime: '23:59',
        capacity: 1000,
      });
    hospitals.push(h);
  }
  for (let i = 0; i < VEHICLES; i++) {
    const ambulance = i < AMBULANCES;
    const v = await createVehicle(db, district.id, {
      kind: ambulance ? 'ambulance_120' : 'volunteer',
      stretchers: ambulance ? 1 : 0,
      seats: 4,
      shiftStart: '00:00',
      shiftEnd: '23:59',
      baseLng: centre[0] + around(0.04),
      baseLat: centre[1] + around(0.04),
    });
    await createAccount(db, 'driver', { vehicleId: v.id });
  }
  const dispatcherAccount = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
  const actor = await loadActor(
    db,
    dispatcherAccount.id,
    { id: randomUUID(), expiresAt: new Date(NOW.getTime() + 24 * 3_600_000) },
    '127.0.0.1',
  );
  if (!actor) throw new Error('dispatcher missing');

  // The day: LEGS / 2 dialysis round trips from 11:00 on (after "now"), planned in one click.
  for (let i = 0; i < LEGS / 2; i++) {
    const compound = compounds[i % compounds.length]!;
    const patient = await createPatient(db, compound.id, {
      nationalId: validNationalId(),
      gateId: compound.gate.id,
      regularHospitalId: hospitals[i % hospitals.length]!.id,
    });
    const start = at(1 + random() * 8);
    await createRequest(db, patient.id, {
      date: DATE,
      windowStart: start,
      windowEnd: new Date(start.getTime() + 30 * 60_000),
      treatmentMinutes: 120 + Math.round(random() * 120),
    });
  }
  const plan = await planDistrictDay({
    db,
    actor,
    districtId: district.id,
    input: { date: DATE, seed: 1, iterations: 400 },
    now: NOW,
    timeZone: CITY_TIME_ZONE,
  });
  const seeded = (performance.now() - started) / 1000;

  // Emergencies raised at NOW, each from its own compound's gate, rolled back after timing.
  const sick = [];
  for (let k = 0; k < WARMUP + INSERTIONS; k++) {
    const compound = compounds[k % compounds.length]!;
    const patient = await createPatient(db, compound.id, {
      nationalId: validNationalId(),
      gateId: compound.gate.id,
    });
    sick.push(
      await createRequest(db, patient.id, {
        date: DATE,
        service: 'emergency',
        urgency: 'emergency',
        windowStart: at(10 / 60),
        windowEnd: at(70 / 60),
        returnMode: 'will_call',
        treatmentMinutes: null,
      }),
    );
  }
  class Rollback extends Error {}
  const times: number[] = [];
  const withChecks: number[] = [];
  const phases = new Map<string, number[]>(PHASES.map((p) => [p, []]));
  let placed = 0;
  let queued = 0;
  const profiler = args.profile ? new Session() : null;
  const slow: Array<{ k: number; elapsed: number; spans: Record<string, number>; gc: number }> = [];
  let gcMs = 0;
  const { PerformanceObserver } = await import('node:perf_hooks');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });
  let gcBefore = 0;
  for (const [k, request] of sick.entries()) {
    gcBefore = gcMs;
    if (profiler && k === WARMUP) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const t0 = performance.now();
    let elapsed = 0;
    let checked = 0;
    let spans = new Map<string, number>();
    await db
      .transaction(async (tx) => {
        const collected = await collectSpans(() =>
          createRoundTrip({ db: tx, actor, requestId: request.id, now: NOW, timeZone: CITY_TIME_ZONE }),
        );
        elapsed = performance.now() - t0;
        spans = collected.spans;
        // What COMMIT would check on top: the booking exclusions the plan commit deferred.
        await tx.execute(sql`set constraints all immediate`);
        checked = performance.now() - t0;
        if (k >= WARMUP) {
          if (collected.result.outbound.vehicle?.kind === 'ambulance_120') placed++;
          else queued++;
        }
        throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      });
    if (k < WARMUP) continue;
    times.push(elapsed);
    withChecks.push(checked);
    if (SLOWEST) slow.push({ k, elapsed, spans: Object.fromEntries(spans), gc: gcMs - gcBefore });
    let inPhases = 0;
    for (const phase of PHASES) {
      if (phase === 'other') continue;
      const ms = spans.get(phase) ?? 0;
      inPhases += ms;
      phases.get(phase)!.push(ms);
    }
    phases.get('other')!.push(elapsed - inPhases);
  }
  if (profiler && args.profile) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(args.profile, JSON.stringify(profile));
    profiler.disconnect();
  }
  const q = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  };
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const lines = [
    `bench:insert (server) — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${server.app.config.databaseUrl ? 'PostgreSQL' : 'PGlite'}; load average ${load}`,
    `district day ${DATE}: ${plan.served.length} legs planned on ${VEHICLES} vehicles (${AMBULANCES} ambulances), ${plan.unserved.length} unserved; seeded in ${seeded.toFixed(0)} s`,
    `emergency → createRoundTrip (match, open, insert, schedule gate, record events), ${INSERTIONS} insertions after ${WARMUP} warm-up, each rolled back:`,
    `  p50 ${q(times, 0.5).toFixed(1)} ms   p99 ${q(times, 0.99).toFixed(1)} ms   max ${Math.max(...times).toFixed(1)} ms   (target p99 ≤ 50 ms)`,
    `  with the checks COMMIT would run (deferred booking exclusions): p50 ${q(withChecks, 0.5).toFixed(1)} ms   p99 ${q(withChecks, 0.99).toFixed(1)} ms`,
    `  on an ambulance: ${placed}; queued for dispatch with a reason: ${queued}`,
    '  per phase (ms)   p50     p99     mean',
    ...PHASES.map((phase) => {
      const list = phases.get(phase)!;
      return `  ${phase.padEnd(14)} ${q(list, 0.5).toFixed(1).padStart(6)}  ${q(list, 0.99).toFixed(1).padStart(6)}  ${mean(list).toFixed(1).padStart(6)}`;
    }),
  ];
  console.log(lines.join('\n'));
  if (SLOWEST)
    for (const x of slow.sort((a, b) => b.elapsed - a.elapsed).slice(0, SLOWEST))
      console.log(JSON.stringify(x));
  const out = join(repoRoot, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'insert-server.md'),
    `# bench:insert — emergency insertion on the server\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`,
  );
} finally {
  await server.stop();
}
