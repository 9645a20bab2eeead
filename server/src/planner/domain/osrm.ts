import type { LngLat, VehicleKind } from '@lastmeter/shared/planner.ts';
import { createMatrixTravelModel, createTurfTravelModel, type TravelTimeModel } from './travel.ts';

export interface OsrmOptions {
  /** Base URL of an OSRM server, e.g. process.env.OSRM_URL. */
  url: string;
  /** Every point the plan will need (gates, hospital entrances, bases). */
  points: readonly LngLat[];
  /** Travel time multiplier per vehicle kind relative to OSRM's car profile. */
  kindFactor?: Record<VehicleKind, number>;
  /** Answers pairs with a point the table does not hold (a vehicle's live position); none → an error. */
  fallback?: TravelTimeModel;
  /** The server's `--max-table-size` (OSRM's default is 100 coordinates a request). */
  maxTableSize?: number;
  /** Per request. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

interface OsrmTable {
  code: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

/** A pair OSRM cannot route (an island, a closed road): far too long to be planned. */
const UNREACHABLE = 1e6;

/**
 * The only I/O of the planner: OSRM `/table` requests for all points, up front, in blocks of
 * sources × destinations that keep each request within the server's table size. The result feeds
 * the pure planner as a matrix model; unreachable pairs become very long trips.
 */
export async function fetchOsrmTravelModel(options: OsrmOptions): Promise<TravelTimeModel> {
  const { points } = options;
  const base = options.url.replace(/\/$/, '');
  const doFetch = options.fetchImpl ?? fetch;
  const n = points.length;
  const minutes = new Float64Array(n * n);
  const km = new Float64Array(n * n);
  const block = Math.max(1, Math.floor((options.maxTableSize ?? 100) / 2));
  for (let from = 0; from < n; from += block)
    for (let to = 0; to < n; to += block) {
      const sources = range(from, Math.min(n, from + block));
      const destinations = range(to, Math.min(n, to + block));
      const ids = from === to ? sources : [...sources, ...destinations];
      const coords = ids.map((i) => `${points[i]![0]},${points[i]![1]}`).join(';');
      const query =
        from === to
          ? 'annotations=duration,distance'
          : `sources=${sources.map((_, i) => i).join(';')}&destinations=${destinations
              .map((_, i) => sources.length + i)
              .join(';')}&annotations=duration,distance`;
      const body = await requestTable(
        doFetch,
        `${base}/table/v1/driving/${coords}?${query}`,
        options.timeoutMs ?? 10_000,
      );
      sources.forEach((a, s) => {
        destinations.forEach((b, d) => {
          const seconds = body.durations[s]?.[d];
          const metres = body.distances[s]?.[d];
          minutes[a * n + b] = seconds == null ? UNREACHABLE : seconds / 60;
          km[a * n + b] = metres == null ? UNREACHABLE : metres / 1000;
        });
      });
    }
  return createMatrixTravelModel(
    points,
    minutes,
    km,
    options.kindFactor ?? { ambulance_120: 0.8, volunteer: 1, requisitioned: 1 },
    options.fallback,
  );
}

async function requestTable(
  doFetch: typeof fetch,
  url: string,
  timeoutMs: number,
): Promise<Required<Pick<OsrmTable, 'durations' | 'distances'>>> {
  const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await res.json().catch(() => ({ code: `HTTP ${res.status}` }))) as OsrmTable;
  if (!res.ok || body.code !== 'Ok' || !body.durations || !body.distances)
    throw new Error(
      `OSRM table request failed: HTTP ${res.status} ${body.code}${body.message ? ` (${body.message})` : ''}`,
    );
  return { durations: body.durations, distances: body.distances };
}

const range = (start: number, end: number): number[] =>
  Array.from({ length: end - start }, (_, i) => start + i);

/**
 * The travel model for a set of fixed points: OSRM when `OSRM_URL` is set (its table fetched once
 * for the points, the @turf/turf estimate for any other point), otherwise the @turf/turf estimate.
 */
export async function resolveTravelModel(
  points: readonly LngLat[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetchImpl?: typeof fetch,
): Promise<TravelTimeModel> {
  const turf = createTurfTravelModel();
  const url = env.OSRM_URL;
  if (!url) return turf;
  const maxTableSize = Number(env.OSRM_MAX_TABLE_SIZE);
  return fetchOsrmTravelModel({
    url,
    points,
    fallback: turf,
    ...(Number.isInteger(maxTableSize) && maxTableSize >= 2 ? { maxTableSize } : {}),
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}
