import { afterEach, describe, expect, it } from 'vitest';
import { startOsrmStub } from '../testing/osrm-stub.ts';
import { fetchOsrmTravelModel, resolveTravelModel } from './osrm.ts';
import { createTurfTravelModel } from './travel.ts';

const points: [number, number][] = [
  [121.4, 31.2],
  [121.5, 31.3],
  [121.45, 31.25],
  [121.42, 31.18],
  [121.48, 31.22],
  [121.51, 31.27],
  [121.39, 31.31],
];

const stubs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of stubs.splice(0)) await s.close();
});

describe('OSRM travel model (against a local server speaking the table API)', () => {
  it('fetches the whole table in blocks within the server table size, with each pair where it belongs', async () => {
    const osrm = await startOsrmStub({ maxTableSize: 4 });
    stubs.push(osrm);
    const model = await fetchOsrmTravelModel({ url: `${osrm.url}/`, points, maxTableSize: 4 });
    // 7 points in blocks of 2: 4 × 4 requests, none over 4 coordinates (the stub refuses those).
    expect(osrm.requests).toHaveLength(16);
    const m = model.minutes(points, 'volunteer');
    for (let a = 0; a < points.length; a++)
      for (let b = 0; b < points.length; b++)
        expect(m[a * points.length + b]).toBeCloseTo(osrm.minutes(points[a]!, points[b]!), 6);
    // An ambulance drives the car profile 0.8× as long; a subset is looked up in its own order.
    const sub = model.minutes([points[5]!, points[2]!], 'ambulance_120');
    expect(sub[1]).toBeCloseTo(osrm.minutes(points[5]!, points[2]!) * 0.8, 6);
  });

  it('answers a point outside the table from the fallback, and refuses one without a fallback', async () => {
    const osrm = await startOsrmStub();
    stubs.push(osrm);
    const turf = createTurfTravelModel();
    const table = points.slice(0, 3);
    const routed = await fetchOsrmTravelModel({ url: osrm.url, points: table, fallback: turf });
    const live: [number, number] = [121.47, 31.21];
    const m = routed.minutes([table[0]!, live, table[1]!], 'volunteer');
    expect(m[0 * 3 + 2]).toBeCloseTo(osrm.minutes(table[0]!, table[1]!), 6);
    expect(m[0 * 3 + 1]).toBeCloseTo(turf.minutes([table[0]!, live], 'volunteer')[1]!, 6);
    const strict = await fetchOsrmTravelModel({ url: osrm.url, points: table });
    expect(() => strict.minutes([table[0]!, live], 'volunteer')).toThrow(/no entry for point/);
  });

  it('makes a pair OSRM cannot route far too long to plan', async () => {
    const osrm = await startOsrmStub({ unreachable: [points[1]!] });
    stubs.push(osrm);
    const model = await fetchOsrmTravelModel({ url: osrm.url, points: points.slice(0, 3) });
    const m = model.minutes(points.slice(0, 3), 'volunteer');
    expect(m[0 * 3 + 1]).toBeGreaterThanOrEqual(1e6);
    expect(m[0 * 3 + 2]).toBeLessThan(1e3);
  });

  it('names the engine error when OSRM refuses or is down', async () => {
    const osrm = await startOsrmStub({ maxTableSize: 2 });
    stubs.push(osrm);
    await expect(
      fetchOsrmTravelModel({ url: osrm.url, points: points.slice(0, 3), maxTableSize: 10 }),
    ).rejects.toThrow(/HTTP 400 TooBig/);
    const down = await startOsrmStub({ failWith: 503 });
    stubs.push(down);
    await expect(fetchOsrmTravelModel({ url: down.url, points })).rejects.toThrow(/HTTP 503/);
  });
});

describe('travel model selection', () => {
  it('uses OSRM when OSRM_URL is set, with OSRM_MAX_TABLE_SIZE', async () => {
    const osrm = await startOsrmStub({ maxTableSize: 6 });
    stubs.push(osrm);
    const model = await resolveTravelModel(points, { OSRM_URL: osrm.url, OSRM_MAX_TABLE_SIZE: '6' });
    expect(osrm.requests.length).toBeGreaterThan(1);
    expect(model.minutes(points.slice(0, 2), 'volunteer')[1]).toBeCloseTo(
      osrm.minutes(points[0]!, points[1]!),
      6,
    );
    expect(model.turf).toBeUndefined();
  });

  it('falls back to the turf estimate without OSRM_URL', async () => {
    const model = await resolveTravelModel(points, {});
    const m = model.minutes(points.slice(0, 2), 'ambulance_120');
    expect(m[1]).toBeGreaterThan(0);
    expect(m[1]).toBe(m[2]);
    expect(model.turf).toBeDefined();
  });
});
