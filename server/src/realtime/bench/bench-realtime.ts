/**
 * Realtime benchmark (CODE_STYLE.md 12: prints figures, asserts nothing), on loopback:
 *  1. commit-to-driver latency with 2,000 driver sockets connected to one node — from just before
 *     the transaction that records an event commits, to the driver's socket receiving it;
 *  2. replay of 50 missed events when a driver reconnects (handshake offsets, and the `resume` event).
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test \
 *     pnpm --filter @lastmeter/server exec tsx src/realtime/bench/bench-realtime.ts [drivers] [events]
 *
 * Creates a scratch PostgreSQL database next to DATABASE_URL's and drops it afterwards; without
 * DATABASE_URL it runs on in-memory PGlite. Clients and server share this process (and its event
 * loop), so the figures include the clients' own work.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  accounts,
  createScratchDatabase,
  type Db,
  districts,
  drivers,
  sessions,
  vehicles,
} from '@lastmeter/db';
import { rooms, type StreamEvent } from '@lastmeter/shared';
import { type Socket as Client, io } from 'socket.io-client';
import type { Config } from '../../config.ts';
import { hashSessionToken, newSessionToken } from '../../domain/auth/session-token.ts';
import { recordEvent } from '../../domain/events/record-event.ts';
import { syntheticEvent } from '../../domain/events/synthetic-event.ts';
import { createLogger } from '../../logger.ts';
import { startServer } from '../../server.ts';

const DRIVERS = Number(process.argv[2] ?? 2000);
const EVENTS = Number(process.argv[3] ?? 1000);
const CONCURRENCY = 10;
const MISSED = 50;
const REPLAY_ROUNDS = 20;

/** A scratch PostgreSQL database next to DATABASE_URL's; without one, the embedded PGlite (url undefined). */
async function scratchDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  return base ? createScratchDatabase(base, 'lm_bench') : { url: undefined, drop: async () => {} };
}

interface Fleet {
  vehicleIds: string[];
  tokens: string[];
}

async function seedFleet(db: Db, count: number): Promise<Fleet> {
  const [district] = await db
    .insert(districts)
    .values({
      code: `B${randomBytes(3).toString('hex')}`,
      name: '压测区',
      city: '上海市',
      center: [121.44, 31.18],
    })
    .returning();
  const vehicleIds: string[] = [];
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const n = Math.min(500, count - start);
    const idx = Array.from({ length: n }, (_, i) => start + i);
    const vs = await db
      .insert(vehicles)
      .values(
        idx.map((i) => ({
          districtId: district!.id,
          kind: 'volunteer' as const,
          plate: `沪B·${i}`,
          seats: 4,
          baseLng: 121.44,
          baseLat: 31.18,
        })),
      )
      .returning({ id: vehicles.id });
    // Sessions are inserted directly: 2,000 password hashes would benchmark argon2, not sockets.
    const as = await db
      .insert(accounts)
      .values(
        idx.map((i) => ({
          username: `bench_driver_${i}`,
          passwordHash: 'x',
          role: 'driver' as const,
          displayName: `司机${i}`,
        })),
      )
      .returning({ id: accounts.id });
    await db
      .insert(drivers)
      .values(as.map((a, i) => ({ accountId: a.id, vehicleId: vs[i]!.id, name: `司机${start + i}` })));
    const batch = as.map(() => newSessionToken());
    await db.insert(sessions).values(
      as.map((a, i) => ({
        tokenHash: hashSessionToken(batch[i]!),
        accountId: a.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      })),
    );
    vehicleIds.push(...vs.map((v) => v.id));
    tokens.push(...batch);
  }
  return { vehicleIds, tokens };
}

function connect(url: string, token: string, resume?: Record<string, number>): Promise<Client> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: resume ? { token, resume } : { token },
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

const database = await scratchDatabase();
const config: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl: database.url,
  redisUrl: undefined,
  dataDir: 'memory://',
  logLevel: 'warn',
  sessionIdleSeconds: 7200,
  sessionMaxSeconds: 12 * 3600,
  timeZone: 'Asia/Shanghai',
  mapTileUrl: undefined,
  demo: false,
  webDist: '/nonexistent',
  staleSweepEveryMs: 0,
};
const server = await startServer(config, createLogger(config.logLevel));
const { db } = server.app;
const sockets: Client[] = [];
try {
  console.log(
    `database: ${server.app.driver}; drivers: ${DRIVERS}; events: ${EVENTS} (${CONCURRENCY} concurrent transactions)`,
  );
  const fleet = await seedFleet(db, DRIVERS);

  const connectStarted = performance.now();
  for (let start = 0; start < DRIVERS; start += 100) {
    sockets.push(
      ...(await Promise.all(fleet.tokens.slice(start, start + 100).map((t) => connect(server.url, t)))),
    );
  }
  console.log(`connected ${sockets.length} driver sockets in ${ms(performance.now() - connectStarted)}`);

  // 1. Commit-to-driver latency.
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let received = 0;
  let allReceived: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allReceived = resolve;
  });
  for (const socket of sockets) {
    socket.on('event', (event: StreamEvent) => {
      const sent = sentAt.get(event.id);
      if (sent !== undefined) latencies.push(performance.now() - sent);
      if (++received === EVENTS) allReceived();
    });
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EVENTS) {
        const i = next++;
        const vehicleId = fleet.vehicleIds[(i * 7919) % DRIVERS]!;
        let beforeCommit = 0;
        const recorded = await db.transaction(async (tx) => {
          const event = await recordEvent(
            tx,
            syntheticEvent([rooms.vehicle(vehicleId)], { legId: `bench-${i}` }),
          );
          beforeCommit = performance.now();
          return event;
        });
        sentAt.set(recorded.eventId, beforeCommit);
      }
    }),
  );
  await done;
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  console.log(
    `commit→driver latency over ${latencies.length} events: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? Number.NaN)} (${((EVENTS / elapsed) * 1000).toFixed(0)} events/s)`,
  );
  for (const socket of sockets) socket.off('event');

  // 2. Replay of 50 missed events on reconnect, with the other sockets still connected.
  const replayHandshake: number[] = [];
  const replayResume: number[] = [];
  for (let round = 0; round < REPLAY_ROUNDS; round++) {
    const index = round;
    const stream = rooms.vehicle(fleet.vehicleIds[index]!);
    sockets[index]!.disconnect();
    let last = 0;
    await db.transaction(async (tx) => {
      for (let n = 0; n < MISSED; n++) {
        const recorded = await recordEvent(tx, syntheticEvent([stream], { legId: `missed-${n}` }));
        last = recorded.deliveries[0]!.offset;
      }
    });
    const from = last - MISSED;
    const viaHandshake = round % 2 === 0;
    const t0 = performance.now();
    let socket: Client;
    if (viaHandshake) {
      const got = new Promise<void>((resolve) => {
        let count = 0;
        const pending = io(server.url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { token: fleet.tokens[index]!, resume: { [stream]: from } },
        });
        pending.on('event', () => {
          if (++count === MISSED) resolve();
        });
        socket = pending;
      });
      await got;
      replayHandshake.push(performance.now() - t0);
    } else {
      socket = await connect(server.url, fleet.tokens[index]!);
      let count = 0;
      socket.on('event', () => count++);
      await socket.emitWithAck('resume', { streams: { [stream]: from } });
      if (count !== MISSED) console.warn(`round ${round}: replayed ${count}, expected ${MISSED}`);
      replayResume.push(performance.now() - t0);
    }
    sockets[index] = socket!;
  }
  replayHandshake.sort((a, b) => a - b);
  replayResume.sort((a, b) => a - b);
  console.log(
    `replay of ${MISSED} missed events, reconnect → last event: handshake offsets p50 ${ms(percentile(replayHandshake, 50))} max ${ms(replayHandshake.at(-1)!)}; connect + resume event p50 ${ms(percentile(replayResume, 50))} max ${ms(replayResume.at(-1)!)} (${REPLAY_ROUNDS} rounds)`,
  );
} finally {
  for (const socket of sockets) socket.disconnect();
  await server.close();
  await database.drop();
}
