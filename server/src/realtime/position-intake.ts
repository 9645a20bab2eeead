import type { PositionInput, VehiclePosition } from '@lastmeter/shared';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../domain/actor.ts';
import { type ReportedPosition, reportPositions } from '../domain/positions/report-positions.ts';
import { travelModel } from '../domain/travel/travel-model.ts';
import { type AppError, errors, toAppError } from '../errors.ts';

/** Reports wait at most this long for their batch: a position on the map a tenth of a second late. */
const GATHER_MS = 100;
/** Reports per statement (five parameters each, far below PostgreSQL's 65,535). */
const MAX_BATCH = 1_000;

/** Why a report was refused, for `lastmeter_positions_refused_total{reason}` (docs/operations.md). */
export type PositionRefusal = 'interval' | 'superseded' | 'busy' | 'invalid' | 'scope' | 'failed';

export function refusalOf(error: AppError): PositionRefusal {
  if (error.extra.refusal === 'superseded') return 'superseded';
  switch (error.code) {
    case 'too_many_requests':
      return 'interval';
    case 'unavailable':
      return 'busy';
    case 'validation_failed':
      return 'invalid';
    case 'forbidden':
    case 'not_found':
    case 'unauthenticated':
      return 'scope';
    default:
      return 'failed';
  }
}

interface Waiting {
  /** The vehicle (or, for an account without one, the account): one queued report each. */
  key: string;
  actor: Actor;
  input: PositionInput;
  now: Date;
  settle: (outcome: { ok: true; reported: ReportedPosition } | { ok: false; error: AppError }) => void;
}

export interface PositionIntake {
  /** Queues one report for the next batch; resolves when it is stored (or rejects with why not). */
  submit(actor: Actor, input: PositionInput, now: Date): Promise<ReportedPosition>;
  /** Answers what is queued and waits for the batch in flight (a node shutting down). */
  close(): Promise<void>;
}

/**
 * One node's position reports, written in batches: whatever arrived within `GATHER_MS` goes to the
 * database in one transaction of a few statements (server/src/domain/realtime/report-positions.ts),
 * one batch at a time, so position writes cost a handful of pool connections' time per tick however
 * many drivers report. While a batch is in flight the next one gathers; only the latest report of
 * each vehicle is kept (an earlier one would be over the per-vehicle interval anyway). Accepted
 * positions go to the vehicle's district dispatch (`broadcast`) as soon as their batch commits.
 *
 * The queue holds at most one report per vehicle; past `maxQueued` vehicles a report is answered
 * `unavailable` at once (the driver's next report comes a few seconds later) — a database that cannot
 * keep up sheds position reports before it delays handshakes and event delivery.
 */
export function startPositionIntake(
  app: AppContext,
  options: { minIntervalMs: number; maxQueued: number; broadcast: (position: VehiclePosition) => void },
): PositionIntake {
  const { metrics } = app;
  let queue = new Map<string, Waiting>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;
  let closed = false;

  const answer = (waiting: Waiting, error: AppError) => waiting.settle({ ok: false, error });

  const flush = () => {
    timer = undefined;
    if (inFlight || !queue.size) return;
    const batch = [...queue.values()].slice(0, MAX_BATCH);
    if (batch.length === queue.size) queue = new Map();
    else for (const waiting of batch) queue.delete(waiting.key);
    const done = metrics.positionBatch.startTimer();
    inFlight = reportPositions({
      db: app.db,
      reports: batch,
      travel: travelModel(),
      minIntervalMs: options.minIntervalMs,
    })
      .then(
        (outcomes) => {
          for (const [i, outcome] of outcomes.entries()) {
            if (outcome.ok) options.broadcast(outcome.reported.position);
            batch[i]!.settle(outcome);
          }
        },
        (thrown: unknown) => {
          // The batch's transaction failed as a whole (a deadlock, the database away): every report
          // in it gets the error, and the drivers' next reports form a new batch.
          const error = toAppError(thrown);
          if (error.status >= 500)
            app.logger.error({ err: thrown, reports: batch.length }, 'position batch failed');
          for (const waiting of batch) answer(waiting, error);
        },
      )
      .finally(() => {
        done();
        metrics.positionBatchSize.observe(batch.length);
        inFlight = null;
        if (queue.size) timer ??= setTimeout(flush, queue.size >= MAX_BATCH ? 0 : GATHER_MS);
      });
  };

  return {
    submit(actor, input, now) {
      return new Promise<ReportedPosition>((resolve, reject) => {
        // Not a driver with a vehicle: the use case refuses it, in the batch like any other.
        const key = actor.vehicleId ?? `account:${actor.accountId}`;
        const waiting: Waiting = {
          key,
          actor,
          input,
          now,
          settle: (outcome) => (outcome.ok ? resolve(outcome.reported) : reject(outcome.error)),
        };
        if (closed || (!queue.has(key) && queue.size >= options.maxQueued)) {
          return answer(waiting, errors.unavailable(5));
        }
        // A newer report of the vehicle arrived while the earlier one waited (a batch write slower than
        // the driver's cadence): the newer position wins; the earlier one is over the interval.
        const earlier = queue.get(key);
        if (earlier) {
          const superseded = errors.tooManyRequests(Math.ceil(options.minIntervalMs / 1000));
          superseded.extra.refusal = 'superseded';
          answer(earlier, superseded);
        }
        queue.set(key, waiting);
        if (!inFlight) timer ??= setTimeout(flush, queue.size >= MAX_BATCH ? 0 : GATHER_MS);
      });
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      for (const waiting of queue.values()) answer(waiting, errors.unavailable(5));
      queue = new Map();
      await inFlight;
    },
  };
}
