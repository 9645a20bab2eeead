import { createServer, type Server as HttpServer } from 'node:http';
import { accounts, openDatabase } from '@lastmeter/db';
import { type Role, rooms } from '@lastmeter/shared';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { inArray } from 'drizzle-orm';
import { createClient } from 'redis';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { hashPassword } from './domain/auth/password.ts';
import { createHttpApp } from './http/app.ts';
import { routes } from './http/routes/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { closePlanner, openPlanner } from './planner/index.ts';
import { createSocketServer, type LmServer } from './realtime/socket-server.ts';
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
  /** Graceful stop: refuse new connections, let in-flight requests finish, then close everything. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  // Planner threads start with the first plan and stop with the server.
  openPlanner();
  const app: AppContext = {
    db: database.db,
    driver: database.driver,
    config,
    logger,
    ping: database.ping,
    startedAt: new Date(),
    disconnectSession: () => {},
    publish: () => {},
  };

  let demoAccounts: RunningServer['demoAccounts'] = [];
  if (config.demo) {
    // Loaded only in demo mode: production nodes never carry the generator.
    const { isDatabaseEmpty, seedDemoCity } = await import('./demo/seed-demo-city.ts');
    const now = new Date();
    if (await isDatabaseEmpty(app.db)) {
      const demo = await seedDemoCity({ db: app.db, hashPassword, now });
      logger.info({ patients: demo.patients, vehicles: demo.vehicles }, 'seeded the demo city');
    }
    // A living city from the first page (and on the first start of each new day): today's remaining
    // and the next clinic day's requests, with trips, planned.
    const { reviveDemoCity } = await import('./demo/plan-demo-days.ts');
    const days = await reviveDemoCity({ db: app.db, now }).catch((err: unknown) => {
      // A demo that cannot be brought to life still starts: the dispatcher can plan by hand.
      logger.warn({ err }, 'could not generate and plan the demo days');
      return null;
    });
    if (days) logger.info({ days }, 'generated and planned the demo days');
    demoAccounts = await app.db
      .select({ username: accounts.username, role: accounts.role })
      .from(accounts)
      .where(inArray(accounts.username, [...DEMO_LOGINS]));
    demoAccounts.sort((a, b) => DEMO_LOGINS.indexOf(a.username) - DEMO_LOGINS.indexOf(b.username));
  }

  const http = createServer(createHttpApp(app, routes));
  const realtime = createSocketServer(http, app);
  const io = realtime.io;
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : null;
  if (redis) {
    redis.on('error', (err) => logger.error({ err }, 'redis error'));
    await redis.connect();
    io.adapter(createAdapter(redis));
  }
  const stopStaleSweep = startStaleSweep(app);
  // Loaded only when asked for: production nodes never run simulated drivers.
  const simulation = config.simulateDrivers
    ? (await import('./demo/simulate-drivers.ts')).startDriverSimulation({
        app,
        speed: config.simulationSpeed ?? 10,
        // The demo's own driver logins are left to whoever signs in as them: they accept by hand.
        leaveToPeople: config.demo ? DEMO_LOGINS.filter((u) => u.startsWith('driver')) : [],
        broadcastPosition: (p) => io.to(rooms.district(p.districtId)).emit('vehicle.position', p),
      })
    : null;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      stopStaleSweep();
      await simulation?.stop();
      await io.close();
      await realtime.drain();
      const timeout = setTimeout(() => http.closeAllConnections(), 10_000);
      await drained;
      clearTimeout(timeout);
      await closePlanner();
      if (redis) await redis.quit().catch(() => {});
      await database.close();
    })();
    return closing;
  };

  return { app, http, io, port, url: `http://127.0.0.1:${port}`, demoAccounts, close };
}
