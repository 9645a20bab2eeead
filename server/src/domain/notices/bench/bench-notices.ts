/**
 * `pnpm bench:notices [trips] [ratePerSecond]`: the evening-before notices of a city day (default
 * 20,000 round trips) go through the outbox to a local HTTP SMS provider that allows `rate` messages a
 * second (default 100; beyond it 429 + Retry-After) and fails 0.5 % with 503. Half-way the worker dies
 * in the middle of a round — its sends in flight never answer and its claims are never recorded, as when
 * a node's process is killed — and a new worker takes over once the dead one's leases lapse. Prints
 * throughput, enqueue-to-sent latency (p50/p99) and proves none was lost. Figures only — never a
 * pass/fail on time. PGlite in memory, or a scratch database under DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import {
  compounds,
  createScratchDatabase,
  type Db,
  districts,
  gates,
  hospitals,
  legs,
  noticeSettings,
  notices,
  openDatabase,
  patients,
  requests,
  trips,
} from '@lastmeter/db';
import { addDays, cityDateOf, cityInstant, DEFAULT_TIME_ZONE } from '@lastmeter/shared/city-time.ts';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { createLogger } from '../../../logger.ts';
import { HttpSmsProvider } from '../http-sms-provider.ts';
import type { NoticeProvider, OutgoingNotice, SendResult } from '../notice-provider.ts';
import { createNoticeWorker } from '../notice-worker.ts';
import { queueEveningNotices } from '../queue-evening-notices.ts';

const TRIPS = Number(process.argv[2] ?? 20_000);
const RATE = Number(process.argv[3] ?? 100);
const TIME_ZONE = DEFAULT_TIME_ZONE;
/** Tomorrow in the city (not in UTC): run late in the UTC day, a UTC "tomorrow" is already today in Shanghai and its early pickups have passed. */
const DATE = addDays(cityDateOf(new Date(), TIME_ZONE), 1);
const CHUNK = 1_000;

/** A scratch PostgreSQL database next to DATABASE_URL's; without one, the embedded PGlite (url undefined). */
async function scratchDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  return base ? createScratchDatabase(base, 'lm_bench') : { url: undefined, drop: async () => {} };
}

const square = (lng: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lng - 0.001, lat - 0.001],
      [lng + 0.001, lat - 0.001],
      [lng + 0.001, lat + 0.001],
      [lng - 0.001, lat + 0.001],
      [lng - 0.001, lat - 0.001],
    ],
  ],
});

/** A city day: 200 compounds with a gate, 20 hospitals, one dialysis round trip per patient. */
async function seedCityDay(db: Db): Promise<void> {
  const [district] = await db
    .insert(districts)
    .values({
      code: `N${randomBytes(3).toString('hex')}`,
      name: '压测区',
      city: '上海市',
      center: [121.44, 31.18],
    })
    .returning();
  if (!district) throw new Error('no district');
  const compoundRows = await db
    .insert(compounds)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        districtId: district.id,
        name: `小区${i}`,
        boundary: square(121.4 + i * 0.001, 31.18),
        selfRegistrationToken: randomBytes(16).toString('base64url'),
      })),
    )
    .returning({ id: compounds.id });
  const gateRows = await db
    .insert(gates)
    .values(
      compoundRows.map((c, i) => ({ compoundId: c.id, name: '东门', lng: 121.4 + i * 0.001, lat: 31.18 })),
    )
    .returning({ id: gates.id, compoundId: gates.compoundId });
  const hospitalRows = await db
    .insert(hospitals)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        districtId: district.id,
        name: `医院${i}`,
        lng: 121.45,
        lat: 31.19 + i * 0.001,
        entranceLng: 121.45,
        entranceLat: 31.19 + i * 0.001,
      })),
    )
    .returning({ id: hospitals.id });
  const consent = {
    givenBy: '本人',
    relation: 'self',
    at: new Date().toISOString(),
    purposes: ['transport'],
    recordedBy: null,
  };
  for (let start = 0; start < TRIPS; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, TRIPS - start) }, (_, k) => start + k);
    const ps = await db
      .insert(patients)
      .values(
        idx.map((i) => {
          const gate = gateRows[i % gateRows.length]!;
          return {
            compoundId: gate.compoundId,
            gateId: gate.id,
            name: `患者${i}`,
            nationalId: `BENCH${String(i).padStart(13, '0')}`,
            phone: `138${String(i).padStart(8, '0')}`,
            consent,
          };
        }),
      )
      .returning({ id: patients.id, gateId: patients.gateId });
    // The bench measures sending at whatever hour it runs: its households keep no quiet hours (equal
    // start and end), or after 21:30 in Shanghai every evening notice would wait for the morning.
    await db
      .insert(noticeSettings)
      .values(ps.map((p) => ({ patientId: p.id, quietStart: '00:00', quietEnd: '00:00' })));
    const pickup = (i: number) => cityInstant(DATE, `${String(5 + (i % 12)).padStart(2, '0')}:00`, TIME_ZONE);
    const rs = await db
      .insert(requests)
      .values(
        ps.map((p, k) => ({
          patientId: p.id,
          service: 'dialysis' as const,
          date: DATE,
          windowStart: new Date(pickup(idx[k]!).getTime() + 30 * 60_000),
          windowEnd: new Date(pickup(idx[k]!).getTime() + 60 * 60_000),
        })),
      )
      .returning({ id: requests.id });
    const ts = await db
      .insert(trips)
      .values(
        ps.map((p, k) => ({
          requestId: rs[k]!.id,
          patientId: p.id,
          hospitalId: hospitalRows[k % hospitalRows.length]!.id,
          gateId: p.gateId!,
        })),
      )
      .returning({ id: trips.id, patientId: trips.patientId });
    await db.insert(legs).values(
      ts.map((t, k) => ({
        tripId: t.id,
        direction: 'outbound' as const,
        patientId: t.patientId,
        plannedPickupAt: pickup(idx[k]!),
      })),
    );
  }
}

/** A provider that allows RATE messages a second (429 beyond) and fails 0.5 % with 503. */
async function startProvider() {
  const references = new Map<string, number>();
  let windowStart = Date.now();
  let inWindow = 0;
  let limited = 0;
  let failed = 0;
  let seq = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      res.setHeader('content-type', 'application/json');
      if (inWindow >= RATE) {
        limited += 1;
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
        res.end('{"code":"RATE_LIMIT"}');
        return;
      }
      inWindow += 1;
      if (++seq % 200 === 0) {
        failed += 1;
        res.statusCode = 503;
        res.end('{"code":"BUSY"}');
        return;
      }
      const { reference } = JSON.parse(raw) as { reference: string };
      references.set(reference, (references.get(reference) ?? 0) + 1);
      res.end(JSON.stringify({ messageId: `m${seq}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/send`,
    stats: () => ({
      accepted: references.size,
      duplicates: [...references.values()].filter((n) => n > 1).length,
      limited,
      failed,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The provider as seen from a node that dies: once `kill()` is called, sends never answer, so the round
 * in progress never records its outcomes and its claims stay leased until the lease lapses.
 */
class DyingProvider implements NoticeProvider {
  readonly name = 'http';
  private dead = false;
  constructor(private readonly inner: NoticeProvider) {}
  kill() {
    this.dead = true;
  }
  send(notice: OutgoingNotice): Promise<SendResult> {
    return this.dead ? new Promise<SendResult>(() => {}) : this.inner.send(notice);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const load = loadavg()[0]?.toFixed(1);
  const scratch = await scratchDatabase();
  const database = await openDatabase({ url: scratch.url, dataDir: 'memory://' });
  const db = database.db;
  const provider = await startProvider();
  const logger = createLogger('warn');
  try {
    console.log(`notices bench: ${TRIPS} trips on ${database.driver}, provider ${RATE}/s, load ${load}`);
    const seeding = performance.now();
    await seedCityDay(db);
    console.log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const enqueueStart = performance.now();
    const queued = await queueEveningNotices({ db, date: DATE, timeZone: TIME_ZONE });
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
    console.log(`queued ${queued} evening notices in ${enqueueSeconds.toFixed(1)} s`);

    const http = new HttpSmsProvider({
      url: provider.url,
      key: 'bench',
      signName: '最后一米',
      templates: {},
      timeoutMs: 10_000,
    });
    const makeWorker = (sender: NoticeProvider) =>
      createNoticeWorker({
        db,
        provider: sender,
        logger,
        // The evening job runs before quiet hours; the bench sends whenever it runs.
        timeZone: TIME_ZONE,
        concurrency: 32,
        leaseMs: 10_000,
        pollMs: 200,
      });
    const count = async (status: 'sent' | 'given_up' | 'skipped') =>
      Number(
        (await db.select({ n: sql<number>`count(*)` }).from(notices).where(eq(notices.status, status)))[0]
          ?.n ?? 0,
      );
    const started = Date.now();
    const dying = new DyingProvider(http);
    // The dead worker's loop waits forever on its unanswered sends: it is abandoned, never stopped.
    let worker = makeWorker(dying);
    worker.start();
    let restarted = false;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sent = await count('sent');
      // Every notice ends sent, given up or skipped (an evening notice whose pickup has passed).
      const givenUp = (await count('given_up')) + (await count('skipped'));
      if (!restarted && sent >= queued / 2) {
        dying.kill();
        // Let the round in progress reach the sends that will never answer.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const at = new Date();
        const [held] = await db
          .select({ n: sql<number>`count(*)` })
          .from(notices)
          .where(and(inArray(notices.status, ['queued', 'failed']), gt(notices.leaseUntil, at)));
        worker = makeWorker(http);
        worker.start();
        restarted = true;
        console.log(
          `worker killed mid-round after ${sent} sent (${((Date.now() - started) / 1000).toFixed(1)} s), ${Number(held?.n ?? 0)} notices held by its leases; a new worker started`,
        );
      }
      if (sent + givenUp >= queued) break;
    }
    await worker.stop();
    const rows = await db
      .select({ createdAt: notices.createdAt, sentAt: notices.sentAt })
      .from(notices)
      .where(eq(notices.status, 'sent'));
    const latencies = rows
      .map((r) => (r.sentAt?.getTime() ?? 0) - r.createdAt.getTime())
      .sort((a, b) => a - b);
    const lastSent = Math.max(...rows.map((r) => r.sentAt?.getTime() ?? 0));
    const firstQueued = Math.min(...rows.map((r) => r.createdAt.getTime()));
    const wall = (lastSent - firstQueued) / 1000;
    const stats = provider.stats();
    console.log(
      `sent ${rows.length} of ${queued} (given up ${await count('given_up')}, skipped ${await count('skipped')}) in ${wall.toFixed(1)} s`,
    );
    console.log(`throughput ${(rows.length / wall).toFixed(1)} notices/s (provider limit ${RATE}/s)`);
    console.log(
      `enqueue→sent latency p50 ${(percentile(latencies, 50) / 1000).toFixed(1)} s, p99 ${(percentile(latencies, 99) / 1000).toFixed(1)} s`,
    );
    console.log(
      `provider: ${stats.accepted} distinct accepted, ${stats.duplicates} duplicates, ${stats.limited} × 429, ${stats.failed} × 503; lost: ${queued - stats.accepted}`,
    );
    console.log(`load average at the end ${loadavg()[0]?.toFixed(1)}`);
  } finally {
    await provider.close();
    await database.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
