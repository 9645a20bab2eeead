import type { Db, DbDriver } from '@lastmeter/db';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { PublicLimits } from './domain/public/public-limits.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { DeliveryStats } from './realtime/outbox-tail.ts';

/** This node's own state, owned by the server that runs it; readiness reads it beside the database. */
export interface NodeState {
  draining: boolean;
  sockets: number;
  /** Redis round trip; absent when the node runs without Redis (one node). */
  pingRedis: (() => Promise<unknown>) | null;
}

/** What the transport layers hand to use cases: the database and the process-wide services. */
export interface AppContext {
  db: Db;
  driver: DbDriver;
  config: Config;
  logger: Logger;
  ping(): Promise<number>;
  /** The time of the day being worked: every use case that judges against "now" reads it here (server/src/clock.ts). */
  clock: Clock;
  startedAt: Date;
  /** This node's Prometheus metrics (server/src/observability/metrics.ts). */
  metrics: Metrics;
  /** This node's rate limits on the public endpoints (in memory: per node, per server). */
  limits: PublicLimits;
  /** This node's own state: draining, live sockets, Redis (readiness reads it). */
  node: NodeState;
  /** Drops every live socket of a session (logout). Set once the realtime layer is up. */
  disconnectSession(sessionId: string): void;
  /**
   * This node's view of event delivery (outbox backlog, lag); set once the realtime layer tails the
   * outbox. Nothing publishes events by hand: `recordEvents` in a transaction is enough.
   */
  deliveryStats(): Promise<DeliveryStats>;
}
