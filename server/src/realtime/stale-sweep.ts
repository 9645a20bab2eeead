import type { AppContext } from '../app-context.ts';
import { DEFAULT_STALE_AFTER_MS, flagStaleVehicles } from '../domain/positions/flag-stale-vehicles.ts';
import { endDisinfections } from '../domain/trips/end-disinfections.ts';

export const DEFAULT_STALE_SWEEP_MS = 30_000;

/**
 * Runs the vehicle sweeps on an interval (never two at once): stale vehicles are flagged, finished
 * disinfections end. Returns the stop function.
 */
export function startStaleSweep(app: AppContext): () => void {
  const everyMs = app.config.staleSweepEveryMs ?? DEFAULT_STALE_SWEEP_MS;
  if (everyMs <= 0) return () => {};
  const staleAfterMs = app.config.vehicleStaleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    flagStaleVehicles({ db: app.db, now: app.clock.now(), staleAfterMs })
      .catch((err: unknown) => app.logger.error({ err }, 'stale vehicle sweep failed'))
      .then(() => endDisinfections({ db: app.db, now: app.clock.now() }))
      .catch((err: unknown) => app.logger.error({ err }, 'disinfection sweep failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
