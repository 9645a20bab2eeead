import type { Config } from '@lastmeter/server/config.ts';
import { createLogger, type Logger } from '@lastmeter/server/logger.ts';
import { type RunningServer, startServer } from '@lastmeter/server/server.ts';
import { CITY_TIME_ZONE } from './calendar.ts';
import { TestClock } from './clock.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** The server's clock: the machine's time until the test sets it (tests/support/clock.ts). */
  clock: TestClock;
  stop(): Promise<void>;
}

export function testConfig(database: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database.url,
    redisUrl: undefined,
    dataDir: database.dataDir ?? 'memory://',
    logLevel: 'silent',
    sessionIdleSeconds: 7200,
    sessionMaxSeconds: 12 * 3600,
    timeZone: CITY_TIME_ZONE,
    mapTileUrl: undefined,
    demo: false,
    webDist: '/nonexistent',
    ...overrides,
  };
}

/** A real server (HTTP + Socket.IO) on an ephemeral port with a database of its own. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  database?: TestDatabase,
  /** Where the server logs; tests that read the log pass their own (`createLogger(level, 'json', sink)`). */
  logger?: Logger,
): Promise<TestServer> {
  const db = database ?? (await createTestDatabase());
  const config = testConfig(db, overrides);
  const clock = new TestClock();
  const server = await startServer(config, logger ?? createLogger(config.logLevel), { clock });
  return {
    ...server,
    database: db,
    clock,
    async stop() {
      await server.close();
      if (!database) await db.drop();
    },
  };
}
