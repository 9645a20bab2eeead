import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadPlanWorld } from '@lastmeter/server/domain/schedule/plan-input.ts';
import { runPlanner } from '@lastmeter/server/planner/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_TIME_ZONE } from '../../support/calendar.ts';
import {
  createHospitalSlot,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, planTheDay, tripWorld } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** A district with a day's work: 36 dialysis round trips across the morning and six cars. */
async function busyDistrict() {
  const w = await tripWorld(server, { slotCapacity: 60 });
  for (let v = 0; v < 5; v++)
    await createVehicle(w.db, w.district.id, { shiftStart: '05:00', shiftEnd: '20:00', seats: 4 });
  await createHospitalSlot(w.db, w.hospital.id, {
    weekday: 3,
    startTime: '06:00',
    endTime: '18:00',
    capacity: 60,
  });
  for (let k = 0; k < 36; k++) {
    const patient = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      gateId: w.compound.gate.id,
      regularHospitalId: w.hospital.id,
    });
    const hour = String(7 + (k % 8)).padStart(2, '0');
    await createRequest(w.db, patient.id, {
      date: DAY,
      windowStart: new Date(`${DAY}T${hour}:00:00+08:00`),
      windowEnd: new Date(`${DAY}T${hour}:30:00+08:00`),
    });
  }
  // Plan the day once: every request gets its round trip, and the planner threads start.
  await planTheDay(server, w, 1);
  return w;
}

describe('the planner off the event loop', () => {
  it('the server keeps answering while a busy district’s day is searched: the loop never stalls for the search', {
    timeout: 180_000,
  }, async () => {
    const w = await busyDistrict();
    // The snapshot "plan the day" searches, searched the way it does (runPlanner), with no iteration
    // limit: the search takes its whole time budget.
    const world = await loadPlanWorld(w.db, {
      districtId: w.district.id,
      date: DAY,
      now: new Date(),
      timeZone: CITY_TIME_ZONE,
    });
    expect(world.input.trips.length).toBeGreaterThanOrEqual(36);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let settled = false;
    const planning = runPlanner({ input: world.input, timeLimitMs: 3000, seed: 1 }).finally(() => {
      settled = true;
    });
    let answered = 0;
    while (!settled) {
      const health = await api(server, 'GET', '/api/health');
      expect(health.status).toBe(200);
      if (!settled) answered++;
    }
    const plan = await planning;
    delay.disable();

    expect(plan.stats.served).toBeGreaterThan(0);
    const searchMs = plan.stats.elapsedMs;
    const maxMs = delay.max / 1e6;
    console.info(
      `a ${plan.stats.legs}-leg day searched for ${Math.round(searchMs)} ms (${plan.stats.iterations} iterations): ` +
        `event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${maxMs.toFixed(1)} ms; ` +
        `${answered} health checks answered meanwhile`,
    );
    // A search on the event loop would hold it for the whole search, so the longest stall would be
    // at least the search's own duration; off the loop the server answers all along.
    expect(maxMs).toBeLessThan(searchMs);
    expect(answered).toBeGreaterThan(1);
  });
});
