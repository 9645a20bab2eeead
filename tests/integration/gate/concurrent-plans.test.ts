import type { PlanDayResult, Problem, TripView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/**
 * Plans of one district committed at once touch the same vehicles: each locks its fleet in id order
 * before moving a leg (server/src/domain/schedule/schedule-gate.ts `lockVehicles`), so they queue. Every
 * answer is a plan or a 409 to retry — never a 500, never a deadlock.
 */
describe('concurrent plans of one district', () => {
  it('each commits in turn or answers 409; the day ends planned by the last one, every rule kept', async () => {
    const w = await tripWorld(server);
    const second = await createVehicle(w.db, w.district.id, { shiftStart: '05:00', shiftEnd: '20:00' });
    await createAccount(w.db, 'driver', { vehicleId: second.id });
    for (let i = 0; i < 5; i++) {
      const patient = await createPatient(w.db, w.compound.id, {
        nationalId: validNationalId(),
        gateId: w.compound.gate.id,
        regularHospitalId: w.hospital.id,
      });
      const request = await createRequest(w.db, patient.id, { date: DAY });
      await ok<TripView>(server, `/api/v1/requests/${request.id}/trip`, w.dispatcher.token);
    }
    const answers = await Promise.all(
      [1, 2, 3, 4].map((seed) =>
        api<PlanDayResult | Problem>(server, 'POST', `/api/v1/districts/${w.district.id}/plan`, {
          token: w.dispatcher.token,
          body: { date: DAY, seed, iterations: 20 },
        }),
      ),
    );
    for (const answer of answers) {
      expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
      if (answer.status === 409)
        expect(['conflict', 'plan_outdated']).toContain((answer.body as Problem).code);
    }
    expect(answers.some((a) => a.status === 200)).toBe(true);
    // Whatever won, a plan of the day as it now stands still commits.
    const after = await ok<PlanDayResult>(
      server,
      `/api/v1/districts/${w.district.id}/plan`,
      w.dispatcher.token,
      {
        date: DAY,
        seed: 9,
        iterations: 20,
      },
    );
    expect(after.served.length + after.unserved.length).toBe(10);
  });
});
