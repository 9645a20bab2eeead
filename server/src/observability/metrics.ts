import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { toAppError } from '../errors.ts';

/**
 * One node's Prometheus metrics (docs/operations.md lists them). A registry per server, not the
 * library's global one: tests run two nodes in one process. Figures that live in the database
 * (outbox, pool) are read when scraped, through `onScrape`.
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  sockets: Gauge<'role'>;
  socketsRefused: Counter<'reason'>;
  eventsDelivered: Counter;
  deliveryLag: Histogram;
  positionsReceived: Counter;
  positionsAccepted: Counter;
  positionsRefused: Counter<'reason'>;
  positionBatch: Histogram;
  positionBatchSize: Histogram;
  plannerRuns: Counter<'outcome'>;
  plannerDuration: Histogram<'outcome'>;
  draining: Gauge;
  /** Adds a gauge whose value is read at scrape time (NaN when the read fails or returns null). */
  onScrape(name: string, help: string, read: () => Promise<number | null>): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process memory, CPU, open file descriptors, heap, GC, and event-loop delay (p50/p90/p99 over the
  // interval between two scrapes).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 5 });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'lastmeter_http_request_duration_seconds',
      help: 'HTTP request duration by route (the route template, never the raw path), method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    sockets: new Gauge({
      name: 'lastmeter_sockets',
      help: 'Live Socket.IO connections on this node, by role',
      labelNames: ['role'],
      registers,
    }),
    socketsRefused: new Counter({
      name: 'lastmeter_sockets_refused_total',
      help: 'Socket handshakes refused with `unavailable`: the node was draining or held MAX_SOCKETS',
      labelNames: ['reason'],
      registers,
    }),
    eventsDelivered: new Counter({
      name: 'lastmeter_events_delivered_total',
      help: 'Durable events emitted to this node’s sockets (one per socket and event)',
      registers,
    }),
    deliveryLag: new Histogram({
      name: 'lastmeter_event_delivery_lag_seconds',
      help: 'From an event’s recording transaction to its emission to a socket of this node (live and replay)',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    positionsReceived: new Counter({
      name: 'lastmeter_positions_received_total',
      help: 'Position reports received from drivers’ sockets on this node',
      registers,
    }),
    positionsAccepted: new Counter({
      name: 'lastmeter_positions_accepted_total',
      help: 'Position reports stored and pushed to dispatch',
      registers,
    }),
    positionsRefused: new Counter({
      name: 'lastmeter_positions_refused_total',
      help:
        'Position reports refused, by reason: interval (the vehicle already reported within the interval, on any device or node), ' +
        'superseded (a newer report of the vehicle arrived while it waited for its batch), ' +
        'busy (the node shed it: POSITION_QUEUE_MAX vehicles waiting, or draining), invalid (the payload), ' +
        'scope (not a driver of that vehicle), failed (the batch write failed)',
      labelNames: ['reason'],
      registers,
    }),
    positionBatch: new Histogram({
      name: 'lastmeter_position_batch_seconds',
      help: 'One batch write of position reports (one transaction for every report gathered in a tick)',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    positionBatchSize: new Histogram({
      name: 'lastmeter_position_batch_reports',
      help: 'Position reports per batch write',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    }),
    plannerRuns: new Counter({
      name: 'lastmeter_planner_runs_total',
      help: 'Plan-the-day runs by outcome (planned, outdated, refused, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    plannerDuration: new Histogram({
      name: 'lastmeter_planner_duration_seconds',
      help: 'Plan-the-day duration, snapshot to commit',
      labelNames: ['outcome'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    draining: new Gauge({
      name: 'lastmeter_draining',
      help: '1 while this node shuts down (SIGTERM): it takes no new traffic',
      registers,
    }),
    onScrape(name, help, read) {
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          // NaN is Prometheus's "unknown": the read failed or does not apply (PGlite has no pool).
          this.set((await read().catch(() => null)) ?? Number.NaN);
        },
      });
    },
  };
}

/**
 * Times one plan-the-day run: `planned`, `outdated` (the day changed meanwhile: nothing written),
 * `refused` (the caller's input or scope) or `failed`.
 */
export async function timePlannerRun<T>(metrics: Metrics, run: () => Promise<T>): Promise<T> {
  const end = metrics.plannerDuration.startTimer();
  let outcome = 'planned';
  try {
    return await run();
  } catch (error) {
    const appError = toAppError(error);
    outcome = appError.code === 'plan_outdated' ? 'outdated' : appError.status < 500 ? 'refused' : 'failed';
    throw error;
  } finally {
    end({ outcome });
    metrics.plannerRuns.inc({ outcome });
  }
}
