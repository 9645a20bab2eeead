import type { LngLat, VehicleKind } from '@lastmeter/shared/planner.ts';
import { createMatrixTravelModel, createTurfTravelModel, type TravelTimeModel } from './travel.ts';

export interface OsrmOptions {
  /** Base URL of an OSRM server, e.g. process.env.OSRM_URL. */
  url: string;
  /** Every point the plan will need (gates, hospital entrances, bases). */
  points: readonly LngLat[];
  /** Travel time multiplier per vehicle kind relative to OSRM's car profile. */
  kindFactor?: Record<VehicleKind, number>;
  fetchImpl?: typeof fetch;
}

interface OsrmTable {
  code: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

/**
 * The only I/O of the planner: one OSRM `/table` request for all points, up front. The result
 * feeds the pure planner as a matrix model; unreachable pairs become very long trips.
 */
export async function fetchOsrmTravelModel(options: OsrmOptions): Promise<TravelTimeModel> {
  const { url, points } = options;
  const coords = points.map((p) => `${p[0]},${p[1]}`).join(';');
  const res = await (options.fetchImpl ?? fetch)(
    `${url.replace(/\/$/, '')}/table/v1/driving/${coords}?annotations=duration,distance`,
  );
  if (!res.ok) throw new Error(`OSRM table request failed: HTTP ${res.status}`);
  const body = (await res.json()) as OsrmTable;
  if (body.code !== 'Ok' || !body.durations || !body.distances)
    throw new Error(`OSRM table error: ${body.code}`);
  const n = points.length;
  const minutes = new Float64Array(n * n);
  const km = new Float64Array(n * n);
  const UNREACHABLE = 1e6;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const d = body.durations[a]?.[b];
      const k = body.distances[a]?.[b];
      minutes[a * n + b] = d == null ? UNREACHABLE : d / 60;
      km[a * n + b] = k == null ? UNREACHABLE : k / 1000;
    }
  return createMatrixTravelModel(
    points,
    minutes,
    km,
    options.kindFactor ?? { ambulance_120: 0.8, volunteer: 1, requisitioned: 1 },
  );
}

/**
 * The travel model the server should use: OSRM when `OSRM_URL` is set (matrix fetched once for
 * the given points), otherwise the @turf/turf estimate.
 */
export async function resolveTravelModel(
  points: readonly LngLat[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetchImpl?: typeof fetch,
): Promise<TravelTimeModel> {
  const url = env.OSRM_URL;
  if (!url) return createTurfTravelModel();
  return fetchOsrmTravelModel({ url, points, ...(fetchImpl ? { fetchImpl } : {}) });
}
