import { randomUUID } from 'node:crypto';
import { legs, pgErrorOf } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cityAt, cityToday } from '../../support/calendar.ts';
import {
  createAccount,
  createCompound,
  createDistrict,
  createHospital,
  createPatient,
  createPlannedLeg,
  createVehicle,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * docs/product.md rule 7, enforced by the database: 50 concurrent bookings of one resource over
 * overlapping times → exactly one succeeds, every other is refused. The exclusions are deferrable (a
 * re-plan checks the day at commit), so PostgreSQL checks a row after writing it: two bookings written
 * at the same instant can each wait for the other, and the database then aborts one as a deadlock
 * (40P01) instead of an exclusion violation (23P01). Either way it is refused and nothing is written;
 * the use cases queue bookings of one vehicle first, so people get the 409 that names the clash.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

// Tomorrow, 06:00–07:00 city time: the constraints hold on any day, the test names none.
const day = addDays(cityToday(), 1);
const from = cityAt(day, '06:00');
const to = cityAt(day, '07:00');

async function world() {
  const db = server.app.db;
  const district = await createDistrict(db);
  const compound = await createCompound(db, district.id);
  const hospital = await createHospital(db);
  return { db, district, compound, hospital };
}

const REFUSALS = new Set(['23P01', '40P01']);
function refusedByTheDatabase(codes: string[]): boolean {
  return codes.includes('23P01') && codes.every((code) => REFUSALS.has(code));
}

async function bookConcurrently(
  attempts: Array<{ legId: string; vehicleId: string; driverId: string; runId: string }>,
): Promise<{ ok: number; codes: string[] }> {
  const results = await Promise.allSettled(
    attempts.map((a) =>
      server.app.db
        .update(legs)
        .set({
          status: 'assigned',
          vehicleId: a.vehicleId,
          driverId: a.driverId,
          runId: a.runId,
          bookedFrom: from,
          bookedTo: to,
        })
        .where(eq(legs.id, a.legId)),
    ),
  );
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    codes: results.flatMap((r) => (r.status === 'rejected' ? [pgErrorOf(r.reason)?.code ?? 'unknown'] : [])),
  };
}

/**
 * A writer caught in a deadlock waits `deadlock_timeout` (1 s by default) before PostgreSQL looks
 * for the cycle and aborts it, and as victims go new cycles can form among the rest: when all 50
 * reach their deferred check together, refusing the other 49 once took about 45 s (2026-12-05, two
 * test files at a time on 2 cores). That is the database's pace, not a fault, so these tests wait.
 */
const DEADLOCK_CASCADE_MS = 120_000;

describe('no double booking', () => {
  it('one vehicle: 50 concurrent overlapping bookings → exactly one wins', {
    timeout: DEADLOCK_CASCADE_MS,
  }, async () => {
    const { db, district, compound, hospital } = await world();
    const vehicle = await createVehicle(db, district.id);
    const attempts = [];
    for (let i = 0; i < 50; i++) {
      const patient = await createPatient(db, compound.id, { nationalId: `V${i}${randomUUID()}` });
      const driver = await createAccount(db, 'driver');
      const leg = await createPlannedLeg(db, {
        patientId: patient.id,
        hospitalId: hospital.id,
        gateId: compound.gate.id,
      });
      attempts.push({
        legId: leg.id,
        vehicleId: vehicle.id,
        driverId: driver.driverId!,
        runId: randomUUID(),
      });
    }
    const result = await bookConcurrently(attempts);
    expect(result.ok).toBe(1);
    expect(refusedByTheDatabase(result.codes)).toBe(true);
  });

  it('one driver: 50 concurrent overlapping bookings in different vehicles → exactly one wins', {
    timeout: DEADLOCK_CASCADE_MS,
  }, async () => {
    const { db, district, compound, hospital } = await world();
    const driver = await createAccount(db, 'driver');
    const attempts = [];
    for (let i = 0; i < 50; i++) {
      const patient = await createPatient(db, compound.id, { nationalId: `D${i}${randomUUID()}` });
      const vehicle = await createVehicle(db, district.id);
      const leg = await createPlannedLeg(db, {
        patientId: patient.id,
        hospitalId: hospital.id,
        gateId: compound.gate.id,
      });
      attempts.push({
        legId: leg.id,
        vehicleId: vehicle.id,
        driverId: driver.driverId!,
        runId: randomUUID(),
      });
    }
    const result = await bookConcurrently(attempts);
    expect(result.ok).toBe(1);
    expect(refusedByTheDatabase(result.codes)).toBe(true);
  });

  it('one patient: 50 concurrent overlapping bookings in different vehicles → exactly one wins', {
    timeout: DEADLOCK_CASCADE_MS,
  }, async () => {
    const { db, district, compound, hospital } = await world();
    const patient = await createPatient(db, compound.id);
    const attempts = [];
    for (let i = 0; i < 50; i++) {
      const vehicle = await createVehicle(db, district.id);
      const driver = await createAccount(db, 'driver');
      const leg = await createPlannedLeg(db, {
        patientId: patient.id,
        hospitalId: hospital.id,
        gateId: compound.gate.id,
      });
      attempts.push({
        legId: leg.id,
        vehicleId: vehicle.id,
        driverId: driver.driverId!,
        runId: randomUUID(),
      });
    }
    const result = await bookConcurrently(attempts);
    expect(result.ok).toBe(1);
    expect(refusedByTheDatabase(result.codes)).toBe(true);
  });

  it('legs of one run share the vehicle at the same time (a shared ride is not a double booking)', async () => {
    const { db, district, compound, hospital } = await world();
    const vehicle = await createVehicle(db, district.id);
    const driver = await createAccount(db, 'driver');
    const runId = randomUUID();
    const attempts = [];
    for (let i = 0; i < 3; i++) {
      const patient = await createPatient(db, compound.id, { nationalId: `R${i}${randomUUID()}` });
      const leg = await createPlannedLeg(db, {
        patientId: patient.id,
        hospitalId: hospital.id,
        gateId: compound.gate.id,
      });
      attempts.push({ legId: leg.id, vehicleId: vehicle.id, driverId: driver.driverId!, runId });
    }
    expect((await bookConcurrently(attempts)).ok).toBe(3);
  });

  it('a NULL vehicle, driver, run or time cannot slip past the constraints', async () => {
    const { db, district, compound, hospital } = await world();
    const vehicle = await createVehicle(db, district.id);
    const driver = await createAccount(db, 'driver');
    const patient = await createPatient(db, compound.id);
    const leg = await createPlannedLeg(db, {
      patientId: patient.id,
      hospitalId: hospital.id,
      gateId: compound.gate.id,
    });
    const complete = {
      status: 'assigned' as const,
      vehicleId: vehicle.id,
      driverId: driver.driverId!,
      runId: randomUUID(),
      bookedFrom: from,
      bookedTo: to,
    };
    for (const hole of ['vehicleId', 'driverId', 'runId', 'bookedFrom', 'bookedTo'] as const) {
      const attempt = db
        .update(legs)
        .set({ ...complete, [hole]: null })
        .where(eq(legs.id, leg.id));
      await expect(attempt, hole).rejects.toSatisfy((e: unknown) => pgErrorOf(e)?.code === '23514');
    }
    const [still] = await db.select().from(legs).where(eq(legs.id, leg.id));
    expect(still?.status).toBe('planned');
  });

  it('back-to-back bookings ([from, to) ranges) do not clash', async () => {
    const { db, district, compound, hospital } = await world();
    const vehicle = await createVehicle(db, district.id);
    const driver = await createAccount(db, 'driver');
    const [p1, p2] = [
      await createPatient(db, compound.id, { nationalId: `A${randomUUID()}` }),
      await createPatient(db, compound.id, { nationalId: `B${randomUUID()}` }),
    ];
    const l1 = await createPlannedLeg(db, {
      patientId: p1.id,
      hospitalId: hospital.id,
      gateId: compound.gate.id,
    });
    const l2 = await createPlannedLeg(db, {
      patientId: p2.id,
      hospitalId: hospital.id,
      gateId: compound.gate.id,
    });
    const base = { status: 'assigned' as const, vehicleId: vehicle.id, driverId: driver.driverId! };
    await db
      .update(legs)
      .set({ ...base, runId: randomUUID(), bookedFrom: from, bookedTo: to })
      .where(eq(legs.id, l1.id));
    await db
      .update(legs)
      .set({ ...base, runId: randomUUID(), bookedFrom: to, bookedTo: new Date(to.getTime() + 3_600_000) })
      .where(eq(legs.id, l2.id));
    const rows = await db.select().from(legs).where(eq(legs.vehicleId, vehicle.id));
    expect(rows).toHaveLength(2);
  });
});
