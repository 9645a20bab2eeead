import { rooms } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cityToday } from '../../support/calendar.ts';
import { createAccount, createDistrict, createVehicle } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
let server: TestServer;
let plain: TestServer;
beforeAll(async () => {
  server = await startTestServer({ metricsToken: TOKEN, metricsPort: 0 });
  plain = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  await plain?.stop();
});

async function scrape(url: string, token?: string): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The value of one sample line, e.g. `lastmeter_sockets{role="driver"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics is protected from the public', () => {
  it('is not there on the public port without METRICS_TOKEN', async () => {
    expect((await scrape(plain.url)).status).toBe(404);
  });

  it('answers 404 to a missing or wrong token on the public port', async () => {
    expect((await scrape(server.url)).status).toBe(404);
    expect((await scrape(server.url, 'wrong-token-wrong-token-wrong')).status).toBe(404);
  });

  it('serves Prometheus text to the token, and on the internal port', async () => {
    const open = await scrape(server.url, TOKEN);
    expect(open.status).toBe(200);
    expect(open.type).toContain('text/plain');
    expect(server.internalUrl).toBeDefined();
    const internal = await scrape(server.internalUrl!, TOKEN);
    expect(internal.status).toBe(200);
    expect(internal.text).toContain('# TYPE lastmeter_sockets gauge');
  });
});

describe('/metrics reports what an operator watches', () => {
  it('HTTP latency by route template, sockets by role, events delivered with their lag, process figures', async () => {
    const district = await createDistrict(server.app.db);
    const vehicle = await createVehicle(server.app.db, district.id);
    const account = await createAccount(server.app.db, 'driver', { vehicleId: vehicle.id });
    const driver = await connectClient(server, await loginAs(server, account.username, account.password));
    await api(server, 'GET', '/api/v1/auth/me');
    await recordCommitted(server, { n: 1 }, [rooms.vehicle(vehicle.id)]);
    await driver.waitFor((events) => events.length === 1);
    const reply = await driver.socket.emitWithAck('position', {
      lng: 121.44,
      lat: 31.18,
      recordedAt: new Date().toISOString(),
    });
    expect(reply).toMatchObject({ ok: true });
    // A second report within the vehicle's interval is refused, and counted with its reason.
    const again = await driver.socket.emitWithAck('position', {
      lng: 121.441,
      lat: 31.18,
      recordedAt: new Date().toISOString(),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'too_many_requests' } });

    const { text } = await scrape(server.url, TOKEN);
    driver.close();
    expect(
      sample(
        text,
        'lastmeter_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="200"}',
      ),
    ).toBe(1);
    // Each route under its template, with its status: an unauthenticated call is its own series.
    expect(
      sample(
        text,
        'lastmeter_http_request_duration_seconds_count{method="GET",route="/api/v1/auth/me",status="401"}',
      ),
    ).toBe(1);
    expect(sample(text, 'lastmeter_sockets{role="driver"}')).toBe(1);
    expect(sample(text, 'lastmeter_events_delivered_total')).toBe(1);
    expect(sample(text, 'lastmeter_event_delivery_lag_seconds_count')).toBe(1);
    expect(sample(text, 'lastmeter_positions_received_total')).toBe(2);
    expect(sample(text, 'lastmeter_positions_accepted_total')).toBe(1);
    expect(sample(text, 'lastmeter_positions_refused_total{reason="interval"}')).toBe(1);
    expect(sample(text, 'lastmeter_position_batch_reports_count')).toBe(1);
    expect(sample(text, 'lastmeter_position_batch_seconds_count')).toBe(1);
    expect(sample(text, 'lastmeter_events_recorded_last_id')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'lastmeter_outbox_listening')).toBe(1);
    expect(sample(text, 'lastmeter_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'lastmeter_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'lastmeter_db_ping_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'lastmeter_draining')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toContain('lastmeter_planner_runs_total');
  });
});

describe('planner runs', () => {
  it('counts plan-the-day runs by outcome, with their duration', async () => {
    const district = await createDistrict(server.app.db);
    const other = await createDistrict(server.app.db);
    const account = await createAccount(server.app.db, 'dispatcher', { districtIds: [district.id] });
    const token = await loginAs(server, account.username, account.password);
    const date = addDays(cityToday(), 2);
    const planned = await api(server, 'POST', `/api/v1/districts/${district.id}/plan`, {
      token,
      body: { date },
    });
    expect(planned.status).toBe(200);
    const refused = await api(server, 'POST', `/api/v1/districts/${other.id}/plan`, {
      token,
      body: { date },
    });
    expect(refused.status).toBe(403);

    const { text } = await scrape(server.url, TOKEN);
    expect(sample(text, 'lastmeter_planner_runs_total{outcome="planned"}')).toBe(1);
    expect(sample(text, 'lastmeter_planner_runs_total{outcome="refused"}')).toBe(1);
    expect(sample(text, 'lastmeter_planner_duration_seconds_count{outcome="planned"}')).toBe(1);
  });
});
