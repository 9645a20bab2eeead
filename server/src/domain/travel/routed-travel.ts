import { type Db, gates, hospitals, vehicles } from '@lastmeter/db';
import type { LngLat } from '@lastmeter/shared/planner.ts';
import type { Logger } from '../../logger.ts';
import { fetchOsrmTravelModel } from '../../planner/domain/osrm.ts';
import { createTurfTravelModel } from '../../planner/domain/travel.ts';
import { setTravelModel } from './travel-model.ts';

export interface RoutingConfig {
  /** Base URL of an OSRM server (OSRM_URL). */
  osrmUrl: string;
  /** The server's `--max-table-size` (OSRM_MAX_TABLE_SIZE). */
  maxTableSize: number;
  /** How often the table is fetched again, so new gates, hospitals and bases are routed (ms). */
  refreshMs: number;
  /** After a failed fetch, the next try comes this much sooner than a refresh (ms). */
  retryMs: number;
  timeoutMs: number;
}

/** Every fixed point of the city: compound gates, hospital doors and entrances, vehicle bases. */
async function cityPoints(db: Db): Promise<LngLat[]> {
  const [gateRows, hospitalRows, vehicleRows] = await Promise.all([
    db.select({ lng: gates.lng, lat: gates.lat }).from(gates),
    db
      .select({
        lng: hospitals.lng,
        lat: hospitals.lat,
        entranceLng: hospitals.entranceLng,
        entranceLat: hospitals.entranceLat,
      })
      .from(hospitals),
    db.select({ lng: vehicles.baseLng, lat: vehicles.baseLat }).from(vehicles),
  ]);
  const points = new Map<string, LngLat>();
  const add = (lng: number, lat: number) => points.set(`${lng},${lat}`, [lng, lat]);
  for (const g of gateRows) add(g.lng, g.lat);
  for (const h of hospitalRows) {
    add(h.lng, h.lat);
    add(h.entranceLng, h.entranceLat);
  }
  for (const v of vehicleRows) add(v.lng, v.lat);
  return [...points.values()];
}

/**
 * Routes the server's travel times through OSRM: the table over every fixed point of the city is
 * fetched now and every `refreshMs`, and put in place as the server's travel model (pairs with a
 * point outside it — a vehicle's live position, a gate drawn since — keep the @turf/turf estimate).
 * A failed fetch keeps the model in use, is logged, and is tried again after `retryMs`.
 * Resolves after the first attempt; the returned function stops the refreshes and restores the estimate.
 */
export async function startRoutedTravel({
  db,
  routing,
  logger,
  fetchImpl,
}: {
  db: Db;
  routing: RoutingConfig;
  logger: Logger;
  fetchImpl?: typeof fetch;
}): Promise<() => void> {
  const fallback = createTurfTravelModel();
  let restore: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const load = async (): Promise<void> => {
    let next = routing.refreshMs;
    try {
      const points = await cityPoints(db);
      const model = await fetchOsrmTravelModel({
        url: routing.osrmUrl,
        points,
        fallback,
        maxTableSize: routing.maxTableSize,
        timeoutMs: routing.timeoutMs,
        ...(fetchImpl ? { fetchImpl } : {}),
      });
      if (stopped) return;
      // The first model's restore brings back what was in place before routing started.
      const restoreFirst = setTravelModel(model);
      restore ??= restoreFirst;
      logger.info({ points: points.length }, 'routing: travel times from OSRM');
    } catch (err) {
      next = routing.retryMs;
      logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        'routing: OSRM table fetch failed; keeping the travel model in use',
      );
    }
    if (!stopped) {
      timer = setTimeout(() => void load(), next);
      timer.unref();
    }
  };
  await load();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    restore?.();
  };
}
