import { queryRows } from '@lastmeter/db';
import { type DemoCitySummary, seedDemoCity } from '@lastmeter/server/demo/seed-demo-city.ts';
import { hashPassword } from '@lastmeter/server/domain/auth/password.ts';
import type {
  GenerateRequestsResult,
  OnlineVisitView,
  Overview,
  PlanDayResult,
  TripView,
} from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * The product works in its own demo: the demo city seeded into a fresh database, then the
 * dispatcher's real flow through the API — generate a day's requests, create the round trips
 * (hospital matched with a reason) and book the online visits, plan the day — serves nearly every
 * leg, within the rules.
 * The next clinic day is planned (not today), so every appointment is still ahead whatever the
 * hour the test runs at.
 */
let server: TestServer;
let city: DemoCitySummary;
let token: string;
const now = new Date();
const date = nextClinicDay(now);

beforeAll(async () => {
  server = await startTestServer();
  city = await seedDemoCity({ db: server.app.db, hashPassword, now });
  token = await loginAs(server, 'dispatcher', city.password);
});
afterAll(() => server.stop());

// Planning the demo day is 1,500 search iterations: generous time for a busy CI machine.
describe('the demo city, planned through the API', { timeout: 120_000 }, () => {
  let requestIds: string[] = [];
  let tripRequestIds: string[] = [];
  let onlineRequestIds: string[] = [];
  const trips: TripView[] = [];

  it('generates the day’s requests from the registry’s schedules', async () => {
    const res = await api<GenerateRequestsResult>(server, 'POST', '/api/v1/requests/generate', {
      token,
      body: { districtId: city.districtId, date },
    });
    expect(res.status).toBe(200);
    expect(res.body.created).toBeGreaterThan(30);
    const rows = await queryRows<{ id: string; serve_by: string }>(
      server.app.db,
      sql`select id, serve_by from requests where date = ${date} order by window_start, id`,
    );
    requestIds = rows.map((r) => r.id);
    expect(requestIds).toHaveLength(res.body.created);
    tripRequestIds = rows.filter((r) => r.serve_by === 'trip').map((r) => r.id);
    onlineRequestIds = rows.filter((r) => r.serve_by === 'online_visit').map((r) => r.id);
    // Dialysis and chemotherapy go by trip; early pregnancy (and chronic follow-ups) online.
    expect(tripRequestIds.length).toBeGreaterThan(30);
    expect(tripRequestIds.length + onlineRequestIds.length).toBe(requestIds.length);
  });

  it('books every request served online into an online visit at a hospital of its service', async () => {
    const failures: unknown[] = [];
    for (const id of onlineRequestIds) {
      const res = await api<OnlineVisitView>(server, 'POST', `/api/v1/requests/${id}/online-visit`, {
        token,
        body: {},
      });
      if (res.status !== 201) failures.push(res.body);
      else
        expect(res.body.matchReason?.code).toMatch(/^(regular_hospital|nearest_capable|requested_hospital)$/);
    }
    expect(failures).toEqual([]);
  });

  it('creates a round trip for every request, each with a matched hospital and its reason', async () => {
    const failures: unknown[] = [];
    for (const id of tripRequestIds) {
      const res = await api<TripView>(server, 'POST', `/api/v1/requests/${id}/trip`, { token });
      if (res.status === 201 || res.status === 200) trips.push(res.body);
      else failures.push(res.body);
    }
    expect(failures).toEqual([]);
    expect(trips.length).toBeGreaterThanOrEqual(Math.ceil(tripRequestIds.length * 0.95));
    const matched = await queryRows<{ hospital_id: string | null; code: string | null }>(
      server.app.db,
      sql`select hospital_id, match_reason->>'code' as code from requests where date = ${date}`,
    );
    for (const m of matched) {
      expect(m.hospital_id).not.toBeNull();
      expect(m.code).toMatch(/^(regular_hospital|nearest_capable|requested_hospital)$/);
    }
  });

  it('plans the day serving at least 90% of the plannable legs, the rest with a reason', async () => {
    const res = await api<PlanDayResult>(server, 'POST', `/api/v1/districts/${city.districtId}/plan`, {
      token,
      body: { date, seed: 7, iterations: 1500 },
    });
    expect(res.status).toBe(200);
    const { served, unserved } = res.body;
    expect(served.length + unserved.length).toBeGreaterThan(0);
    expect(served.length / (served.length + unserved.length)).toBeGreaterThanOrEqual(0.9);
    for (const u of unserved) expect(u.reason.code).toMatch(/^[a-z_]+$/);
  });

  it('counts the day’s needs by the way they are served, and the unmet ones by reason', async () => {
    const res = await api<Overview>(
      server,
      'GET',
      `/api/v1/districts/${city.districtId}/overview?date=${date}`,
      { token },
    );
    expect(res.status).toBe(200);
    const { byWay, unmetByReason } = res.body.careWays;
    // Every request of the day is counted once, under the way it is served.
    expect(byWay.trip.total).toBe(tripRequestIds.length);
    expect(byWay.online_visit.total).toBe(onlineRequestIds.length);
    expect(byWay.delivery.total).toBe(0);
    for (const way of Object.values(byWay)) expect(way.served + way.unmet).toBe(way.total);
    // Every online visit was booked; a trip counts as served once the plan booked it.
    expect(byWay.online_visit.served).toBe(onlineRequestIds.length);
    const [booked] = await queryRows<{ n: number }>(
      server.app.db,
      sql`select count(*)::int as n from requests
          where date = ${date} and serve_by = 'trip' and status in ('planned', 'done')`,
    );
    expect(byWay.trip.served).toBe(booked?.n);
    // The unmet ones each have a reason, and the reasons add up.
    const unmet = Object.values(byWay).reduce((n, way) => n + way.unmet, 0);
    expect(Object.values(unmetByReason).reduce((n, k) => n + k, 0)).toBe(unmet);
    for (const reason of Object.keys(unmetByReason)) expect(reason).toMatch(/^[a-z_]+$/);
  });

  it('keeps every assigned leg within vehicle kind, capacity, infection and hospital rules', async () => {
    const legs = await queryRows<AssignedLeg>(
      server.app.db,
      sql`select l.id, l.vehicle_id, l.planned_pickup_at, l.planned_dropoff_at, l.direction,
            p.mobility, p.companions, p.infection_class, r.urgency, r.service,
            v.kind, v.seats, v.wheelchair_places, v.stretchers, h.accepts_positive, h.id as hospital_id,
            exists (select 1 from hospital_slots s
                    where s.hospital_id = h.id and s.channel = 'on_site' and s.service = r.service)
              as hospital_has_service
          from legs l
          join trips t on t.id = l.trip_id
          join requests r on r.id = t.request_id
          join patients p on p.id = l.patient_id
          join hospitals h on h.id = t.hospital_id
          join vehicles v on v.id = l.vehicle_id
          where r.date = ${date} and l.status = 'assigned'`,
    );
    expect(legs.length).toBeGreaterThan(50);
    for (const leg of legs) {
      // Rule 1: stretchers by 120; scheduled walkers and wheelchairs keep off the 120 fleet.
      if (leg.mobility === 'stretcher') {
        expect(leg.kind).toBe('ambulance_120');
        expect(leg.stretchers).toBeGreaterThan(0);
      } else if (leg.urgency === 'scheduled') expect(leg.kind).not.toBe('ambulance_120');
      if (leg.mobility === 'wheelchair') expect(leg.wheelchair_places).toBeGreaterThan(0);
      // Rule 6: positive patients only to hospitals that take them; the hospital offers the service.
      if (leg.infection_class === 'positive') expect(leg.accepts_positive).toBe(true);
      expect(leg.hospital_has_service).toBe(true);
    }

    const byVehicle = new Map<string, AssignedLeg[]>();
    for (const l of legs) byVehicle.set(l.vehicle_id, [...(byVehicle.get(l.vehicle_id) ?? []), l]);
    for (const list of byVehicle.values()) {
      // Rules 2 and 4: at every moment, what is on board fits and never mixes infection classes.
      const events = list.flatMap((l) => [
        { at: new Date(l.planned_pickup_at).getTime(), delta: 1, l },
        { at: new Date(l.planned_dropoff_at).getTime(), delta: -1, l },
      ]);
      events.sort((a, b) => a.at - b.at || a.delta - b.delta);
      const onBoard = new Set<AssignedLeg>();
      for (const e of events) {
        if (e.delta < 0) {
          onBoard.delete(e.l);
          continue;
        }
        onBoard.add(e.l);
        const riders = [...onBoard];
        const seats = riders.reduce((n, l) => n + (l.mobility === 'walk' ? 1 : 0) + l.companions, 0);
        const wheelchairs = riders.filter((l) => l.mobility === 'wheelchair').length;
        const stretchers = riders.filter((l) => l.mobility === 'stretcher').length;
        expect(seats).toBeLessThanOrEqual(e.l.seats);
        expect(wheelchairs).toBeLessThanOrEqual(e.l.wheelchair_places);
        expect(stretchers).toBeLessThanOrEqual(e.l.stretchers);
        expect(new Set(riders.map((l) => l.infection_class)).size).toBe(1);
      }
    }
  });
});

interface AssignedLeg {
  id: string;
  vehicle_id: string;
  planned_pickup_at: string | Date;
  planned_dropoff_at: string | Date;
  direction: string;
  mobility: 'walk' | 'wheelchair' | 'stretcher';
  companions: number;
  infection_class: string;
  urgency: string;
  service: string;
  kind: string;
  seats: number;
  wheelchair_places: number;
  stretchers: number;
  accepts_positive: boolean;
  hospital_id: string;
  hospital_has_service: boolean;
}

/** Tomorrow in Shanghai, or the day after when tomorrow is a Sunday (no dialysis, clinics closed). */
function nextClinicDay(from: Date): string {
  for (let days = 1; ; days++) {
    const date = new Date(from.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
}
