import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@lastmeter/shared';
import { z } from 'zod';
import type { RoutingConfig } from './domain/travel/routed-travel.ts';
import { loadNoticeConfig, type NoticeConfig } from './notice-config.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  LASTMETER_DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai, America/New_York)'),
  MAP_TILE_URL: z.string().optional(),
  WEB_DIST: z.string().optional(),
  LASTMETER_SIMULATE: z.enum(['0', '1', 'true', 'false']).optional(),
  LASTMETER_SIM_SPEED: z.coerce.number().positive().max(1000).default(10),
  VEHICLE_STALE_MINUTES: z.coerce.number().positive().default(3),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  REDIS_STREAM_MAXLEN: z.coerce.number().int().min(100).default(10_000),
  MAX_SOCKETS: z.coerce.number().int().min(1).default(12_000),
  POSITION_QUEUE_MAX: z.coerce.number().int().min(1).default(20_000),
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  DRAIN_SPREAD_SECONDS: z.coerce.number().min(0).max(600).default(2),
  DRAIN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
  TRUST_PROXY: z.string().default('loopback'),
  OSRM_URL: z.url().optional(),
  OSRM_MAX_TABLE_SIZE: z.coerce.number().int().min(2).default(100),
  OSRM_REFRESH_MINUTES: z.coerce.number().positive().default(60),
  OSRM_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** PGlite folder when no DATABASE_URL; `memory://` keeps it in memory (tests). */
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  timeZone: string;
  mapTileUrl: string | undefined;
  /** Seed the demo city into an empty database. Always on for the embedded default. */
  demo: boolean;
  webDist: string | undefined;
  /** Where people reach this site (PUBLIC_URL), for printed links; unset: the request's own host. */
  publicUrl?: string | undefined;
  /** Realtime tuning (docs/realtime.md); defaults apply when absent. A vehicle on a job silent this long is stale. */
  vehicleStaleAfterMs?: number;
  /** How often the stale-vehicle sweep runs; 0 disables it (tests call the use case directly). */
  staleSweepEveryMs?: number;
  /** At most one accepted position report per vehicle per interval. */
  positionMinIntervalMs?: number;
  /** Vehicles whose position reports may wait for the next batch write; beyond, reports are shed. */
  positionQueueMax?: number;
  /**
   * Demo: simulated drivers accept and drive their jobs. On by default for the embedded demo (no
   * DATABASE_URL); `--simulate` / LASTMETER_SIMULATE=1 forces it on, `--no-simulate` / =0 off.
   */
  simulateDrivers?: boolean;
  /** Speed-up of the simulated drivers' clock and driving (LASTMETER_SIM_SPEED, default 10×). */
  simulationSpeed?: number;
  /** Operations (docs/operations.md); defaults apply when absent. postgres.js pool size per node. */
  databasePoolSize?: number;
  /** Length the Socket.IO Redis stream is trimmed to (the adapter's `maxLen`). */
  redisStreamMaxLen?: number;
  /** Sockets this node holds at most; further handshakes are refused with `unavailable`. */
  maxSockets?: number;
  /** Bearer token that opens `/metrics` on the public port; unset: no `/metrics` there. */
  metricsToken?: string | undefined;
  /** A separate internal listener for `/metrics`, `/api/health` and `/api/ready` (0: an ephemeral port). */
  metricsPort?: number | undefined;
  metricsHost?: string;
  /** On SIGTERM, live sockets are closed (with a reconnect hint) spread over this many ms. */
  drainSpreadMs?: number;
  /** In-flight HTTP requests get this long to finish after a drain starts; then they are cut. */
  drainTimeoutMs?: number;
  /**
   * Which proxies' X-Forwarded-For to believe (express `trust proxy`): `loopback` by default; behind a
   * reverse proxy on another host, its address or subnet (e.g. `172.16.0.0/12`), so client IPs are real.
   */
  trustProxy?: string;
  /** Trip notices (server/src/notice-config.ts); absent: no notice worker on this node (tests start their own). */
  notices?: NoticeConfig;
  /** Travel times from an OSRM server (OSRM_URL); absent: the @turf/turf estimate. */
  routing?: RoutingConfig | undefined;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  const e = parsed.data;
  // pnpm runs package scripts inside the package folder; INIT_CWD is where the user typed the command.
  const base = env.INIT_CWD ?? process.cwd();
  const dataDir = e.LASTMETER_DATA_DIR ?? '.data';
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: dataDir.startsWith('memory://') || isAbsolute(dataDir) ? dataDir : resolve(base, dataDir),
    logLevel: e.LOG_LEVEL,
    sessionIdleSeconds: Math.round(e.SESSION_IDLE_MINUTES * 60),
    sessionMaxSeconds: Math.round(e.SESSION_MAX_HOURS * 3600),
    timeZone: e.TIME_ZONE,
    mapTileUrl: e.MAP_TILE_URL,
    demo: !e.DATABASE_URL || argv.includes('--demo'),
    webDist: e.WEB_DIST,
    publicUrl: e.PUBLIC_URL,
    vehicleStaleAfterMs: Math.round(e.VEHICLE_STALE_MINUTES * 60_000),
    // On by default in the embedded demo (no DATABASE_URL), so a first start shows a living city;
    // `--no-simulate` or LASTMETER_SIMULATE=0 turns it off, `--simulate` or =1 turns it on anywhere.
    simulateDrivers:
      argv.includes('--simulate') ||
      e.LASTMETER_SIMULATE === '1' ||
      e.LASTMETER_SIMULATE === 'true' ||
      (!e.DATABASE_URL &&
        !argv.includes('--no-simulate') &&
        e.LASTMETER_SIMULATE !== '0' &&
        e.LASTMETER_SIMULATE !== 'false'),
    simulationSpeed: e.LASTMETER_SIM_SPEED,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisStreamMaxLen: e.REDIS_STREAM_MAXLEN,
    maxSockets: e.MAX_SOCKETS,
    positionQueueMax: e.POSITION_QUEUE_MAX,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    drainSpreadMs: Math.round(e.DRAIN_SPREAD_SECONDS * 1000),
    drainTimeoutMs: Math.round(e.DRAIN_TIMEOUT_SECONDS * 1000),
    trustProxy: e.TRUST_PROXY,
    notices: loadNoticeConfig(env),
    routing: e.OSRM_URL
      ? {
          osrmUrl: e.OSRM_URL,
          maxTableSize: e.OSRM_MAX_TABLE_SIZE,
          refreshMs: Math.round(e.OSRM_REFRESH_MINUTES * 60_000),
          retryMs: Math.min(60_000, Math.round(e.OSRM_REFRESH_MINUTES * 60_000)),
          timeoutMs: Math.round(e.OSRM_TIMEOUT_SECONDS * 1000),
        }
      : undefined,
  };
}
