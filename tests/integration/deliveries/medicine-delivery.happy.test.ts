import { auditLog } from '@lastmeter/db';
import { type DeliveryView, type DriverDeliveryView, PARCEL_NO_PATTERN } from '@lastmeter/shared';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';
import { planDay, prescribe, REFILL } from './world.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

const statuses = (c: TestClient) =>
  c.events.filter((e) => e.type === 'delivery.updated').map((e) => e.payload.status as string);

describe('medicine to the gate (药品配送 · 送药到户)', () => {
  it('paper prescription → planned with the day’s legs → collected → left at the gate → received → handed over', async () => {
    const w = await tripWorld(server);
    const connect = async (token: string) => {
      const c = await connectClient(server, token);
      clients.push(c);
      return c;
    };
    const driver = await connect(w.driver.token);
    const dispatch = await connect(w.dispatcher.token);
    const gate = await connect(w.gatekeeper.token);
    const desk = await connect(w.hospitalDesk.token);
    const outsiders = [await connect(w.otherDriver.token), await connect(w.otherGatekeeper.token)];

    const created = await prescribe(server, w, { note: '家属下午在家' });
    expect(created).toMatchObject({
      status: 'pending',
      date: DAY,
      vehicle: null,
      patient: { id: w.patient.id, name: '王建国' },
      prescription: { source: 'paper', onlineVisitId: null, items: REFILL, note: '家属下午在家' },
      pharmacy: { id: w.hospital.id },
      gate: { id: w.compound.gate.id },
    });
    expect(created.parcelNo).toMatch(PARCEL_NO_PATTERN);
    expect(Date.parse(created.dropoffWindow[0])).toBe(Date.parse(`${DAY}T10:00:00+08:00`));

    // The same day's dialysis trip and the parcel are planned together, on the district's one car.
    await createRequest(w.db, w.patient.id, { date: DAY });
    const plan = await planDay(server, w);
    expect(plan.unserved).toEqual([]);
    expect(plan.served).toHaveLength(2);
    expect(plan.deliveries).toMatchObject({
      served: [{ deliveryId: created.id, vehicleId: w.vehicle.id }],
      unserved: [],
    });
    expect(plan.stats).toMatchObject({ deliveries: 1, deliveriesServed: 1 });

    await driver.waitFor((e) => e.some((x) => x.type === 'delivery.updated'));
    const mine = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.driver.token,
    });
    expect(mine.body).toHaveLength(1);
    const job = mine.body[0]!;
    // Contactless: masked name, building and parcel number — nothing else of the household.
    expect(job).toMatchObject({
      id: created.id,
      status: 'assigned',
      parcelNo: created.parcelNo,
      recipient: { name: '王*国' },
      vehicle: { id: w.vehicle.id },
    });
    const seen = JSON.stringify([mine.body, driver.events]);
    for (const secret of [w.patient.nationalId, w.patient.phone, '王建国', '二甲双胍', '家属下午在家'])
      expect(seen).not.toContain(secret);
    expect(job).not.toHaveProperty('patient');
    expect(job).not.toHaveProperty('prescription');

    const at = { lng: 121.45, lat: 31.19 };
    // The parcel is collected on its own day, on the server's clock.
    server.clock.set(`${DAY}T10:00:00+08:00`);
    const picked = await ok<DriverDeliveryView>(
      server,
      `/api/v1/deliveries/${job.id}/pick-up`,
      w.driver.token,
      {
        version: job.version,
        ...at,
      },
    );
    expect(picked.status).toBe('picked_up');
    const left = await ok<DriverDeliveryView>(
      server,
      `/api/v1/deliveries/${job.id}/at-gate`,
      w.driver.token,
      {
        version: picked.version,
      },
    );
    expect(left.status).toBe('at_gate');
    // Left at the gate, the parcel is off the driver's list.
    const after = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.driver.token,
    });
    expect(after.body).toEqual([]);

    const list = await api<DeliveryView[]>(
      server,
      'GET',
      `/api/v1/compounds/${w.compound.id}/deliveries?date=${DAY}`,
      {
        token: w.gatekeeper.token,
      },
    );
    expect(list.body.map((d) => [d.parcelNo, d.status, d.patient.name])).toEqual([
      [created.parcelNo, 'at_gate', '王建国'],
    ]);
    const received = await ok<DeliveryView>(
      server,
      `/api/v1/deliveries/${job.id}/received`,
      w.gatekeeper.token,
    );
    expect(received.status).toBe('received');
    const handed = await ok<DeliveryView>(
      server,
      `/api/v1/deliveries/${job.id}/handed-over`,
      w.gatekeeper.token,
    );
    expect(handed).toMatchObject({ status: 'delivered' });
    for (const stamp of [handed.pickedUpAt, handed.atGateAt, handed.receivedAt, handed.deliveredAt])
      expect(stamp).not.toBeNull();

    const steps = ['assigned', 'picked_up', 'at_gate', 'received', 'delivered'];
    await driver.waitFor(() => statuses(driver).length >= steps.length);
    await gate.waitFor(() => statuses(gate).length >= steps.length + 1);
    await dispatch.waitFor(() => statuses(dispatch).length >= steps.length + 1);
    await settle();
    expect(statuses(driver)).toEqual(steps);
    expect(statuses(gate)).toEqual(['pending', ...steps]);
    expect(statuses(dispatch)).toEqual(['pending', ...steps]);
    expect(statuses(desk)).toEqual([]);
    for (const o of outsiders) expect(statuses(o)).toEqual([]);

    // Every hand of the chain is in the audit log, against the patient, with the parcel number.
    const audit = await w.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.patient.id), like(auditLog.action, 'delivery.%')));
    const trail = audit.filter((a) => a.action !== 'delivery.read').map((a) => [a.action, a.actorId]);
    expect(trail).toEqual([
      ['delivery.pick_up', w.driver.id],
      ['delivery.hand_to_gate', w.driver.id],
      ['delivery.receive', w.gatekeeper.id],
      ['delivery.hand_over', w.gatekeeper.id],
    ]);
    expect(audit.some((a) => a.action === 'delivery.read' && a.actorId === w.driver.id)).toBe(true);
  });

  it('a breakdown takes the planned parcel off the car with the reason; the next plan has no vehicle for it and says so', async () => {
    const w = await tripWorld(server);
    const created = await prescribe(server, w);
    await planDay(server, w);
    const driver = await connectClient(server, w.driver.token);
    clients.push(driver);
    await ok(server, `/api/v1/vehicles/${w.vehicle.id}/breakdown`, w.dispatcher.token, { note: '抛锚' });
    await driver.waitFor((e) =>
      e.some((x) => x.type === 'delivery.updated' && x.payload.reason === 'breakdown'),
    );
    const read = () =>
      api<DeliveryView[]>(server, 'GET', `/api/v1/compounds/${w.compound.id}/deliveries?date=${DAY}`, {
        token: w.gatekeeper.token,
      });
    expect((await read()).body[0]).toMatchObject({
      status: 'pending',
      vehicle: null,
      unserved: { code: 'vehicle_broken_down', params: { vehicle: w.vehicle.plate } },
    });
    // The district's only car is off: planning again finds none, and the reason follows the plan.
    const plan = await planDay(server, w);
    expect(plan.deliveries.served).toEqual([]);
    expect(plan.deliveries.unserved.map((u) => u.deliveryId)).toEqual([created.id]);
    const code = plan.deliveries.unserved[0]!.reason.code;
    expect((await read()).body[0]).toMatchObject({ status: 'pending', unserved: { code } });
  });
});
