import { deliveries } from '@lastmeter/db';
import type { DeliveryView, DriverDeliveryView, Problem } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, cityToday } from '../../support/calendar.ts';
import { createPatient, validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { DAY, ok, tripWorld } from '../trips/world.ts';
import { planDay, prescribe, REFILL } from './world.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => server.clock.reset());
afterAll(() => server.stop());

const paths = (res: { body: Problem }) => (res.body.issues ?? []).map((i) => i.path);

describe('bad prescriptions and steps are 4xx naming the field, in the caller’s language', () => {
  it('refuses an empty list, blank lines, a bad time and a past day; nothing is written', async () => {
    const w = await tripWorld(server);
    const send = (body: Record<string, unknown>, locale = 'zh-CN') =>
      api<Problem>(server, 'POST', `/api/v1/patients/${w.patient.id}/prescriptions`, {
        token: w.gatekeeper.token,
        body: { hospitalId: w.hospital.id, items: REFILL, ...body },
        headers: { 'accept-language': locale },
      });
    const empty = await send({ items: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('validation_failed');
    expect(paths(empty)).toEqual(['body.items']);

    const blank = await send({ items: [{ name: '  ', quantity: '1盒' }] });
    expect(paths(blank)).toEqual(['body.items.0.name']);

    const hours = await send({ dropoffHours: { from: '25:00', to: '18:00' } });
    expect(paths(hours)).toContain('body.dropoffHours.from');
    expect(hours.body.issues?.find((i) => i.path === 'body.dropoffHours.from')?.message).toBe(
      '应为 24 小时制时间 HH:MM',
    );
    const backwards = await send({ dropoffHours: { from: '16:00', to: '10:00' } }, 'en');
    expect(backwards.body.issues).toEqual([
      expect.objectContaining({ path: 'body.dropoffHours.to', message: 'must be after from' }),
    ]);

    const past = await send({ date: addDays(cityToday(), -1) }, 'en');
    expect(past.status).toBe(400);
    expect(past.body.issues).toEqual([
      expect.objectContaining({ path: 'body.date', message: 'lies in the past' }),
    ]);

    const unknownHospital = await send({ hospitalId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownHospital.status).toBe(400);
    expect(paths(unknownHospital)).toEqual(['body.hospitalId']);

    const control = await send({ note: 'a\u0000b' });
    expect(paths(control)).toEqual(['body.note']);

    expect(await w.db.$count(deliveries, eq(deliveries.patientId, w.patient.id))).toBe(0);
  });

  it('refuses a patient not yet verified, naming the patient', async () => {
    const w = await tripWorld(server);
    const pending = await createPatient(w.db, w.compound.id, {
      nationalId: validNationalId(),
      status: 'pending',
    });
    const res = await api<Problem>(server, 'POST', `/api/v1/patients/${pending.id}/prescriptions`, {
      token: w.gatekeeper.token,
      body: { hospitalId: w.hospital.id, items: REFILL },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'params.patientId' })]);
  });

  it('a step out of order is 409 naming what is open; a stale version is 409 conflict; a wrong body is 400', async () => {
    const w = await tripWorld(server);
    const created = await prescribe(server, w);
    const early = await api<Problem>(server, 'POST', `/api/v1/deliveries/${created.id}/handed-over`, {
      token: w.gatekeeper.token,
      body: {},
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'invalid_transition', from: 'pending', allowed: ['cancel'] });

    await planDay(server, w);
    const [job] = (
      await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', { token: w.driver.token })
    ).body;
    // A parcel of another day is not collected (the server's clock): 409 naming the rule and when it opens.
    const before = await api<Problem>(server, 'POST', `/api/v1/deliveries/${job!.id}/pick-up`, {
      token: w.driver.token,
      body: {},
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(before.status).toBe(409);
    expect(before.body).toMatchObject({
      code: 'step_not_open',
      rule: 'another_day',
      opensAt: new Date(`${DAY}T00:00:00+08:00`).toISOString(),
    });
    expect(before.body.detail).toContain('其他日期');
    server.clock.set(`${addDays(DAY, 1)}T09:00:00+08:00`);
    const after = await api<Problem>(server, 'POST', `/api/v1/deliveries/${job!.id}/pick-up`, {
      token: w.driver.token,
      body: {},
    });
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'step_not_open', rule: 'another_day' });
    expect(after.body).not.toHaveProperty('opensAt');
    // On its day the parcel is worked.
    server.clock.set(`${DAY}T10:00:00+08:00`);
    const stale = await api<Problem>(server, 'POST', `/api/v1/deliveries/${job!.id}/pick-up`, {
      token: w.driver.token,
      body: { version: job!.version - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');

    const half = await api<Problem>(server, 'POST', `/api/v1/deliveries/${job!.id}/pick-up`, {
      token: w.driver.token,
      body: { lng: 121.4 },
    });
    expect(half.status).toBe(400);
    expect(paths(half)).toEqual(['body.lng']);

    // Collected: no longer cancellable by the gate.
    await ok(server, `/api/v1/deliveries/${job!.id}/pick-up`, w.driver.token, {});
    const late = await api<Problem>(server, 'POST', `/api/v1/deliveries/${job!.id}/cancel`, {
      token: w.gatekeeper.token,
      body: { note: '不要了' },
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'invalid_transition', from: 'picked_up' });
  });

  it('cancelling a planned parcel takes it off the car, with the reason in the audit trail', async () => {
    const w = await tripWorld(server);
    const created = await prescribe(server, w);
    await planDay(server, w);
    const cancelled = await ok<DeliveryView>(
      server,
      `/api/v1/deliveries/${created.id}/cancel`,
      w.gatekeeper.token,
      {
        note: '家属已自行取药',
      },
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', vehicle: null, plannedPickupAt: null });
    const mine = await api<DriverDeliveryView[]>(server, 'GET', '/api/v1/me/deliveries', {
      token: w.driver.token,
    });
    expect(mine.body).toEqual([]);
  });
});
