import { createServer, type Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { accounts, type DatabaseHandle, openDatabase, queryRows } from '@lastmeter/db';
import { type Role, rooms } from '@lastmeter/shared';
import { createClient } from '@redis/client';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from './app-context.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { hashPassword } from './domain/auth/password.ts';
import { setNoticeContext } from './domain/notices/project-notices.ts';
import { startNotices } from './domain/notices/start-notices.ts';
import { createPublicLimits } from './domain/public/public-limits.ts';
import { startRoutedTravel } from './domain/travel/routed-travel.ts';
import { createHttpApp } from './http/app.ts';
import { startInternalServer } from './http/metrics-endpoint.ts';
import { routes } from './http/routes/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { closePlanner, openPlanner } from './planner/index.ts';
import { startProjections } from './projections.ts';
import { admission, closeSocketsGently, instrumentSockets } from './realtime/admission.ts';
import type { OutboxTail } from './realtime/outbox-tail.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import type { LmServer } from './realtime/socket-types.ts';
import { startStaleSweep } from './realtime/stale-sweep.ts';

const DEMO_LOGINS = ['admin', 'dispatcher', 'gatekeeper1', 'gatekeeper2', 'driver1', 'driver2', 'hospital1'];

export interface RunningServer {
  app: AppContext;
  http: HttpServer;
  io: LmServer;
  port: number;
  url: string;
  /** In demo mode, the demo logins to print at start-up (seeded now or on an earlier start). */
  demoAccounts: Array<{ username: string; role: Role }>;
  /** This node's tail of the outbox: delivery figures, and stop/start for draining. */
  outbox: OutboxTail;
  /** The internal listener's URL (METRICS_PORT), when there is one. */
  internalUrl: string | undefined;
  /**
   * Starts a graceful stop (SIGTERM): not ready any more, no new connections, every socket told to
   * reconnect elsewhere and closed (spread over `drainSpreadMs`). Resolves once the sockets are closed.
   */
  drain(): Promise<void>;
  /** Graceful stop: drain, let in-flight requests finish (up to `drainTimeoutMs`), then close everything. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  options: {
    /** The time of the day being worked (server/src/clock.ts); the system's unless a test sets one. */
    clock?: Clock;
  } = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  startProjections();
  // How long each step of the start took (logged once listening): what a slow restart waited on.
  const started: Record<string, number> = { modules: Math.round(performance.now()) };
  let startMark = performance.now();
  const startPhase = (name: string) => {
    const now = performance.now();
    started[name] = Math.round(now - startMark);
    startMark = now;
  };
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    maxConnections: config.databasePoolSize,
  });
  startPhase('database');
  // Planner threads start with the first plan and stop with the server.
  openPlanner();
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : null;
  let io: LmServer | undefined;
  const app: AppContext = {
    db: database.db,
    driver: database.driver,
    config,
    logger,
    ping: database.ping,
    clock,
    startedAt: new Date(),
    metrics: createMetrics(),
    limits: createPublicLimits(),
    node: {
      draining: false,
      get sockets() {
        return io?.engine.clientsCount ?? 0;
      },
      pingRedis: redis ? () => pingRedis(redis) : null,
    },
    disconnectSession: () => {},
    deliveryStats: () => Promise.reject(new Error('the realtime layer is not started')),
  };

  let demoAccounts: RunningServer['demoAccounts'] = [];
  if (config.demo) {
    // Loaded only in demo mode: production nodes never carry the generator.
    const { isDatabaseEmpty, seedDemoCity } = await import('./demo/seed-demo-city.ts');
    const now = clock.now();
    if (await isDatabaseEmpty(app.db)) {
      const demo = await seedDemoCity({ db: app.db, hashPassword, now });
      logger.info({ patients: demo.patients, vehicles: demo.vehicles }, 'seeded the demo city');
    }
    // A living city from the first page (and on the first start of each new day): today's remaining
    // and the next clinic day's requests, with trips, planned.
    const { reviveDemoCity } = await import('./demo/plan-demo-days.ts');
    const days = await reviveDemoCity({ db: app.db, now, timeZone: config.timeZone }).catch(
      (err: unknown) => {
        // A demo that cannot be brought to life still starts: the dispatcher can plan by hand.
        logger.warn({ err }, 'could not generate and plan the demo days');
        return null;
      },
    );
    if (days) logger.info({ days }, 'generated and planned the demo days');
    demoAccounts = await app.db
      .select({ username: accounts.username, role: accounts.role })
      .from(accounts)
      .where(inArray(accounts.username, [...DEMO_LOGINS]));
    demoAccounts.sort((a, b) => DEMO_LOGINS.indexOf(a.username) - DEMO_LOGINS.indexOf(b.username));
  }

  startPhase('demo');
  const http = createServer(createHttpApp(app, routes));
  // A hard ceiling on TCP connections (file descriptors) above the socket limit, which refuses
  // politely first (server/src/realtime/admission.ts); REST requests get the headroom.
  if (config.maxSockets) http.maxConnections = Math.ceil(config.maxSockets * 1.1) + 100;
  // A client that resets or sends garbage must never become an unhandled error.
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    logger.debug({ err: err.code ?? err.message }, 'client connection error');
    if (socket.writable && !('_httpMessage' in socket && socket._httpMessage)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    } else socket.destroy();
  });
  const realtime = createSocketServer(http, app, { admit: admission(app, () => realtime.io) });
  io = realtime.io;
  io.engine.on('connection_error', (err: { code: number; message: string }) =>
    logger.debug({ code: err.code, reason: err.message }, 'socket transport refused'),
  );
  instrumentSockets(app, io);
  if (redis) {
    redis.on('error', (err) => logger.error({ err }, 'redis error'));
    await redis.connect();
    io.adapter(createAdapter(redis, { maxLen: config.redisStreamMaxLen ?? 10_000 }));
  }
  const outbox = await realtime.tailOutbox(database);
  startPhase('realtime');
  app.deliveryStats = () => outbox.stats();
  registerScrapeGauges(app, database, config);
  const stopStaleSweep = startStaleSweep(app);
  const stopRouting = config.routing
    ? await startRoutedTravel({ db: app.db, routing: config.routing, logger })
    : null;
  setNoticeContext({ timeZone: config.timeZone, publicUrl: config.publicUrl });
  const stopNotices = config.notices?.worker
    ? startNotices({ db: app.db, config: config.notices, logger, timeZone: config.timeZone })
    : null;
  // Loaded only when asked for: production nodes never run simulated drivers.
  const simulation = config.simulateDrivers
    ? (await import('./demo/simulate-drivers.ts')).startDriverSimulation({
        app,
        speed: config.simulationSpeed ?? 10,
        // The demo's own driver logins are left to whoever signs in as them: they accept by hand.
        leaveToPeople: config.demo ? DEMO_LOGINS.filter((u) => u.startsWith('driver')) : [],
        broadcastPosition: (p) => realtime.io.to(rooms.district(p.districtId)).emit('vehicle.position', p),
      })
    : null;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  startPhase('listen');
  logger.info({ ms: started }, 'started');
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const internal =
    config.metricsPort === undefined
      ? null
      : await startInternalServer(app, config.metricsPort, config.metricsHost ?? '127.0.0.1');
  const internalAddress = internal?.address();
  const internalUrl =
    typeof internalAddress === 'object' && internalAddress
      ? `http://127.0.0.1:${internalAddress.port}`
      : undefined;

  // In-flight requests finish when the listener has closed and the last connection ended.
  let requestsFinished: Promise<void> | undefined;
  let draining: Promise<void> | undefined;
  const drain = () => {
    draining ??= (async () => {
      app.node.draining = true;
      app.metrics.draining.set(1);
      logger.info({ sockets: realtime.io.engine.clientsCount }, 'draining: no new connections');
      requestsFinished = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await closeSocketsGently(realtime.io, config.drainSpreadMs ?? 0);
    })();
    return draining;
  };

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Each phase's duration goes into the last log line, so an operator sees what a slow stop waited on.
      const phases: Record<string, number> = {};
      let mark = performance.now();
      const phase = (name: string) => {
        const now = performance.now();
        phases[name] = Math.round(now - mark);
        mark = now;
      };
      await drain();
      phase('sockets');
      stopStaleSweep();
      stopRouting?.();
      await stopNotices?.();
      await simulation?.stop();
      phase('workers');
      const timeout = setTimeout(() => http.closeAllConnections(), config.drainTimeoutMs ?? 10_000);
      await requestsFinished;
      clearTimeout(timeout);
      phase('requests');
      await outbox.stop();
      await realtime.io.close();
      await realtime.drain();
      phase('realtime');
      await closePlanner();
      if (redis) await redis.quit().catch(() => {});
      await database.close();
      if (internal) await new Promise<void>((resolve) => internal.close(() => resolve()));
      phase('connections');
      logger.info({ ms: phases }, 'drained and closed');
    })();
    return closing;
  };

  return {
    app,
    http,
    io: realtime.io,
    port,
    url: `http://127.0.0.1:${port}`,
    internalUrl,
    demoAccounts,
    outbox,
    drain,
    close,
  };
}

const REDIS_PING_TIMEOUT_MS = 2_000;

/** Redis answers PING in time; a client that is not connected fails at once instead of queueing it. */
async function pingRedis(redis: { isReady: boolean; ping(): Promise<unknown> }): Promise<void> {
  if (!redis.isReady) throw new Error('redis is not connected');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('redis ping timed out')), REDIS_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Gauges read from the database when Prometheus scrapes (docs/operations.md, "Metrics"). */
function registerScrapeGauges(app: AppContext, database: DatabaseHandle, config: Config): void {
  const { metrics } = app;
  metrics.onScrape(
    'lastmeter_db_pool_size',
    'postgres.js pool size of this node (DATABASE_POOL_SIZE)',
    async () => (database.driver === 'postgres' ? (config.databasePoolSize ?? 10) : null),
  );
  metrics.onScrape(
    'lastmeter_db_ping_seconds',
    'Round trip of `select 1` through the pool',
    async () => (await database.ping()) / 1000,
  );
  metrics.onScrape(
    'lastmeter_db_backends',
    'Server connections to this database from every node (pg_stat_activity), pool and listeners',
    async () => {
      if (database.driver !== 'postgres') return null;
      const [row] = await queryRows<{ n: number | string }>(
        app.db,
        sql`select count(*) as n from pg_stat_activity where datname = current_database()`,
      );
      return Number(row?.n ?? 0);
    },
  );
  // One read of the outbox's figures per scrape: the four gauges are collected together and share it.
  let stats: ReturnType<AppContext['deliveryStats']> | undefined;
  const delivery = () => {
    stats ??= app.deliveryStats().finally(() => {
      stats = undefined;
    });
    return stats;
  };
  metrics.onScrape(
    'lastmeter_events_recorded_last_id',
    'Highest committed domain event id (city-wide): deriv() is events recorded per second',
    async () => (await delivery()).lastRecordedId,
  );
  metrics.onScrape(
    'lastmeter_outbox_backlog',
    'Events committed that this node’s outbox tail has not handled yet',
    async () => (await delivery()).backlog,
  );
  metrics.onScrape(
    'lastmeter_outbox_listening',
    '1 while this node’s LISTEN connection for the outbox is up',
    async () => ((await delivery()).listening ? 1 : 0),
  );
  metrics.onScrape(
    'lastmeter_outbox_lag_seconds',
    'Recording-to-push delay of the last outbox notice this node handled',
    async () => {
      const lag = (await delivery()).lastLagMs;
      return lag === null ? null : lag / 1000;
    },
  );
}
