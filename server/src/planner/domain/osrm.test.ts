import { describe, expect, it } from 'vitest';
import { resolveTravelModel } from './osrm.ts';

const points: [number, number][] = [
  [121.4, 31.2],
  [121.5, 31.3],
];

describe('travel model selection', () => {
  it('uses one OSRM /table request when OSRM_URL is set', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (url: string) => {
      calls.push(url);
      return new Response(
        JSON.stringify({
          code: 'Ok',
          durations: [
            [0, 600],
            [660, 0],
          ],
          distances: [
            [0, 9000],
            [9500, 0],
          ],
        }),
      );
    }) as typeof fetch;
    const model = await resolveTravelModel(points, { OSRM_URL: 'http://osrm:5000/' }, fakeFetch);
    expect(calls).toEqual([
      'http://osrm:5000/table/v1/driving/121.4,31.2;121.5,31.3?annotations=duration,distance',
    ]);
    expect([...model.minutes(points, 'volunteer')]).toEqual([0, 10, 11, 0]);
    expect([...model.kilometres([points[1]!, points[0]!])]).toEqual([0, 9.5, 9, 0]);
  });

  it('falls back to the turf estimate without OSRM_URL', async () => {
    const model = await resolveTravelModel(points, {});
    const m = model.minutes(points, 'ambulance_120');
    expect(m[1]).toBeGreaterThan(0);
    expect(m[1]).toBe(m[2]);
  });
});
