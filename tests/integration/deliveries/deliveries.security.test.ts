import type { DeliveryView, DriverDeliveryView, Problem } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';
import { planDay, prescribe, REFILL } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('a delivery is seen and worked only by its parties', () => {
  it('another compound’s gatekeeper, another vehicle’s driver and another hospital find nothing', async () => {
    const w = await tripWorld(server);
    const created = await prescribe(server, w);
    await planDay(server, w);
    const post = (path: string, token: string, body: unknown = {}) =>
      api<Problem>(server, 'POST', path, { token, body });

    expect((await post(`/api/v1/deliveries/${created.id}/received`, w.otherGatekeeper.token)).status).toBe(
      404,
    );
    expect((await post(`/api/v1/deliveries/${created.id}/pick-up`, w.otherDriver.token)).status).toBe(404);
    expect((await post(`/api/v1/deliveries/${created.id}/cancel`, w.otherHospitalDesk.token)).status).toBe(
      404,
    );
    const others = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.otherDriver.token,
    });
    expect(others.body).toEqual([]);
    const foreignList = await api(
      server,
      'GET',
      `/api/v1/compounds/${w.compound.id}/deliveries?date=${DAY}`,
      {
        token: w.otherGatekeeper.token,
      },
    );
    expect(foreignList.status).toBe(404);

    // Each party only its own steps: the driver cannot sign for the gate, the gate cannot collect.
    expect((await post(`/api/v1/deliveries/${created.id}/received`, w.driver.token)).status).toBe(403);
    expect((await post(`/api/v1/deliveries/${created.id}/pick-up`, w.gatekeeper.token)).status).toBe(403);

    // Another gatekeeper cannot prescribe for this compound's patient; another hospital not in its name.
    const foreign = await post(`/api/v1/patients/${w.patient.id}/prescriptions`, w.otherGatekeeper.token, {
      hospitalId: w.hospital.id,
      items: REFILL,
      date: DAY,
    });
    expect(foreign.status).toBe(404);
    const otherPharmacy = await post(
      `/api/v1/patients/${w.patient.id}/prescriptions`,
      w.otherHospitalDesk.token,
      {
        hospitalId: w.hospital.id,
        items: REFILL,
        date: DAY,
      },
    );
    // A patient another hospital does not treat is not there for it, whatever pharmacy it names.
    expect(otherPharmacy.status).toBe(404);
  });

  it('the patient’s regular hospital may prescribe for its pharmacy; dispatch sees the name masked', async () => {
    const w = await tripWorld(server);
    const made = await ok<DeliveryView>(
      server,
      `/api/v1/patients/${w.patient.id}/prescriptions`,
      w.hospitalDesk.token,
      {
        hospitalId: w.hospital.id,
        items: REFILL,
        date: DAY,
      },
    );
    expect(made.patient.name).toBe('王*国');
    const list = await api<DeliveryView[]>(
      server,
      'GET',
      `/api/v1/districts/${w.district.id}/deliveries?date=${DAY}`,
      {
        token: w.dispatcher.token,
      },
    );
    expect(list.body.map((d) => [d.id, d.patient.name])).toEqual([[made.id, '王*国']]);
  });
});
