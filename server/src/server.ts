import { createServer, type Server as HttpServer } from 'node:http';
import { openDatabase } from '@lastmeter/db';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { hashPassword } from './domain/auth/password.ts';
import { createHttpApp } from './http/app.ts';
import { routes } from './http/routes/index.ts';
import { createLogger, type Logger } from './logger.ts';
import type { DemoSummary } from './demo/seed-demo-city.ts';
import { createSocketServer, type LmServer } from './realtime/socket-server.ts';

export interface RunningServer {
  app: AppContext;
  http: HttpServer;
  io: LmServer;
  port: number;
  url: string;
  demo: DemoSummary | null;
  /** Graceful stop: refuse new connections, let in-flight requests finish, then close everything. */
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const app: AppContext = {
    db: database.db,
    driver: database.driver,
    config,
    logger,
    ping: database.ping,
    startedAt: new Date(),
    disconnectSession: () => {},
  };

  let demo: DemoSummary | null = null;
  if (config.demo) {
    // Loaded only in demo mode: production nodes never carry the generator.
    const { isDatabaseEmpty, seedDemoCity } = await import('./demo/seed-demo-city.ts');
    if (await isDatabaseEmpty(app.db)) demo = await seedDemoCity({ db: app.db, hashPassword, now: new Date() });
    if (demo) logger.info({ patients: demo.patients, vehicles: demo.vehicles }, 'seeded the demo city');
  }

  const http = createServer(createHttpApp(app, routes));
  const io = createSocketServer(http, app);
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : null;
  if (redis) {
    redis.on('error', (err) => logger.error({ err }, 'redis error'));
    await redis.connect();
    io.adapter(createAdapter(redis));
  }

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
      await io.close();
      const timeout = setTimeout(() => http.closeAllConnections(), 10_000);
      await drained;
      clearTimeout(timeout);
      if (redis) await redis.quit().catch(() => {});
      await database.close();
    })();
    return closing;
  };

  return { app, http, io, port, url: `http://127.0.0.1:${port}`, demo, close };
}
