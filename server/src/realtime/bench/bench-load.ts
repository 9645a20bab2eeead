/**
 * Realtime load benchmark (CODE_STYLE.md 12: prints figures, asserts nothing): `pnpm bench:realtime`.
 *
 * The server runs as it does in production — `src/main.ts` in a process of its own — and the clients
 * run in separate child processes (load/client-worker.ts), so what is measured is the server's limits.
 * Drivers report positions every 5 s, job events (assigned, stepped) are recorded in transactions at a
 * steady rate and reach the driver, the district's dispatchers and the hospital's desk; the node's own
 * figures (memory, event-loop delay, sockets) come from its /metrics.
 *
 *   1. one node: N sockets held, commit → recipient p50/p99, position throughput, memory per
 *      connection, event-loop delay;
 *   2. two nodes behind Redis: the same, then a rolling restart (SIGTERM drains node A, A comes back,
 *      then B) while events flow: lost / duplicated / out-of-order deliveries.
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 pnpm bench:realtime \
 *     [--sockets 10000] [--reporting 2000] [--seconds 60] [--events-per-second 20] [--only one|two]
 *
 * Creates a scratch database per part next to DATABASE_URL's and drops it; traffic stays on 127.0.0.1.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createScratchDatabase, type Db, openDatabase, queryRows, type ScratchDatabase } from '@lastmeter/db';
import { sql } from 'drizzle-orm';
import { recordEvents } from '../../domain/events/record-event.ts';
import { syntheticEvent } from '../../domain/events/synthetic-event.ts';
import { startProjections } from '../../projections.ts';
import type { FromWorker, ToWorker, WorkerClient, WorkerReport } from './load/client-worker.ts';
import { type SeededCity, seedCity } from './load/seed-city.ts';

const { values: args } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    reporting: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    'events-per-second': { type: 'string', default: '20' },
    workers: { type: 'string', default: '4' },
    only: { type: 'string' },
  },
});
const SOCKETS = Number(args.sockets);
const REPORTING = Number(args.reporting);
const WINDOW_S = Number(args.seconds);
const EVENTS_PER_S = Number(args['events-per-second']);
const WORKERS = Number(args.workers);
const POSITION_EVERY_MS = 5_000;
const METRICS_TOKEN = randomBytes(24).toString('hex');
const BASE = process.env.DATABASE_URL;
const REDIS = process.env.REDIS_URL;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const MAIN = here('../../main.ts');
const WORKER = here('./load/client-worker.ts');

const TARGETS = {
  sockets: 10_000,
  driverP99Ms: 100,
  loopP99Ms: 50,
  kbPerConnection: 30,
};

const wall = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

// ---------------------------------------------------------------- scratch database

async function scratchDatabase(): Promise<ScratchDatabase> {
  if (!BASE) throw new Error('set DATABASE_URL (PostgreSQL): nodes of their own need a shared database');
  return createScratchDatabase(BASE, 'lm_load');
}

// ---------------------------------------------------------------- server nodes (real processes)

interface Node {
  port: number;
  process: ChildProcess;
  /** Lines at level error/fatal, and anything said about unhandled errors. */
  errors: string[];
  /** The node's "drained and closed" line: how long each phase of its stop took (ms). */
  stopPhases: Record<string, number> | null;
  /** The node's "started" line: how long each step of its start took (ms). */
  startPhases: Record<string, number> | null;
  exited: Promise<number | null>;
}

async function startNode(port: number, databaseUrl: string, redisUrl: string | undefined): Promise<Node> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    METRICS_TOKEN,
    // `info`: the node's own account of its stop ("drained and closed", with each phase's duration).
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    MAX_SOCKETS: String(Math.ceil(SOCKETS * 1.2)),
    DRAIN_SPREAD_SECONDS: '3',
    LASTMETER_SIMULATE: '0',
    WEB_DIST: '/nonexistent',
  };
  if (!redisUrl) delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  const watch = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.includes('"msg":"started"')) {
        node.startPhases = (JSON.parse(line) as { ms: Record<string, number> }).ms;
      }
      if (line.includes('"drained and closed"')) {
        node.stopPhases = (JSON.parse(line) as { ms: Record<string, number> }).ms;
      }
      if (/"level":(50|60)|unhandled|uncaught|ECONNRESET|EMFILE/i.test(line) && errors.length < 50) {
        errors.push(line.slice(0, 300));
      }
    }
  };
  child.stdout?.on('data', watch);
  child.stderr?.on('data', watch);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const node: Node = { port, process: child, errors, exited, stopPhases: null, startPhases: null };
  for (let i = 0; i < 240; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (child.exitCode !== null) throw new Error(`node :${port} exited: ${errors.join('\n')}`);
    if (ready) return node;
    await sleep(500);
  }
  throw new Error(`node :${port} did not become ready`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** SIGTERM and wait for the exit: the drain's duration and exit code. */
async function stopNode(node: Node): Promise<{ ms: number; code: number | null }> {
  const started = performance.now();
  node.process.kill('SIGTERM');
  const code = await node.exited;
  return { ms: performance.now() - started, code };
}

interface Scrape {
  rss: number;
  heap: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  sockets: number;
  positions: number;
  accepted: number;
  /** lastmeter_positions_refused_total by reason. */
  refused: Record<string, number>;
  batches: number;
  batchReports: number;
  batchSeconds: number;
  delivered: number;
}

async function scrape(port: number): Promise<Scrape> {
  const text = await (
    await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const value = (name: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
      .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return {
    rss: value('process_resident_memory_bytes'),
    heap: value('nodejs_heap_size_used_bytes'),
    loopP50: value('nodejs_eventloop_lag_p50_seconds') * 1000,
    loopP99: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    loopMax: value('nodejs_eventloop_lag_max_seconds') * 1000,
    sockets: value('lastmeter_sockets'),
    positions: value('lastmeter_positions_received_total'),
    accepted: value('lastmeter_positions_accepted_total'),
    refused: Object.fromEntries(
      [...text.matchAll(/^lastmeter_positions_refused_total\{reason="(\w+)"\} (\S+)$/gm)].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    ),
    batches: value('lastmeter_position_batch_seconds_count'),
    batchReports: value('lastmeter_position_batch_reports_sum'),
    batchSeconds: value('lastmeter_position_batch_seconds_sum'),
    delivered: value('lastmeter_events_delivered_total'),
  };
}

// ---------------------------------------------------------------- client processes

interface Worker {
  process: ChildProcess;
  connected: number;
  failed: number;
  ready: Promise<void>;
  pending: ((report: WorkerReport) => void) | null;
}

function startWorkers(city: SeededCity, urls: string[]): Worker[] {
  const reporting = new Set(city.clients.filter((c) => c.kind === 'driver').slice(0, REPORTING));
  const specs: WorkerClient[] = city.clients.map((c) => ({
    kind: c.kind,
    token: c.token,
    reports: reporting.has(c),
  }));
  return Array.from({ length: WORKERS }, (_, w) => {
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let markReady: () => void = () => {};
    const worker: Worker = {
      process: child,
      connected: 0,
      failed: 0,
      ready: new Promise<void>((resolve) => {
        markReady = resolve;
      }),
      pending: null,
    };
    const mine = specs.filter((_, i) => i % WORKERS === w);
    child.on('message', (message: FromWorker) => {
      if (message.type === 'progress') {
        worker.connected = message.connected;
        worker.failed = message.failed;
        if (message.connected + message.failed >= mine.length) markReady();
      } else {
        worker.pending?.(message);
        worker.pending = null;
      }
    });
    // Two nodes: half the clients start on each.
    const init: ToWorker = {
      type: 'init',
      urls,
      clients: mine,
      firstNode: w % urls.length,
      positionEveryMs: POSITION_EVERY_MS,
    };
    child.send(init);
    return worker;
  });
}

function ask(workers: Worker[], reset: boolean): Promise<WorkerReport[]> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<WorkerReport>((resolve) => {
          w.pending = resolve;
          w.process.send({ type: 'report', reset } satisfies ToWorker);
        }),
    ),
  );
}

const tell = (workers: Worker[], message: ToWorker) => {
  for (const w of workers) w.process.send(message);
};

// ---------------------------------------------------------------- job events (the writer)

/** Records job events at a steady rate until stopped: each to a vehicle, its district and (half) a hospital. */
function startWriter(db: Db, city: SeededCity) {
  startProjections();
  const committed = new Map<number, number>();
  const failures: string[] = [];
  let running = true;
  let n = 0;
  const done = (async () => {
    const started = performance.now();
    while (running) {
      const district = city.districts[n % city.districts.length]!;
      const vehicle = district.vehicles[Math.floor(n / city.districts.length) % district.vehicles.length]!;
      const recipients = [vehicle, district.stream];
      if (n % 2 === 0) recipients.push(city.hospitals[n % city.hospitals.length]!);
      let beforeCommit = 0;
      try {
        const [event] = await db.transaction(async (tx) => {
          const recorded = await recordEvents(tx, [syntheticEvent(recipients, { legId: `load-${n}` })]);
          beforeCommit = wall();
          return recorded;
        });
        committed.set(event!.eventId, beforeCommit);
      } catch (err) {
        // A write the database refused (a connection dropped under load) is counted and reported, and
        // the writer goes on: it never takes the benchmark down, and nothing it did not commit is owed.
        failures.push(err instanceof Error ? err.message : String(err));
      }
      n++;
      const due = started + (n * 1000) / EVENTS_PER_S;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    committed,
    failures,
    async stop() {
      running = false;
      await done;
    },
  };
}

// ---------------------------------------------------------------- measuring

interface WindowFigures {
  latency: Record<'driver' | 'dispatcher' | 'hospital', { p50: number; p99: number; max: number; n: number }>;
  positionsPerS: number;
  positions: WorkerReport['positions'];
  events: number;
}

function figures(reports: WorkerReport[], committed: Map<number, number>, seconds: number, events: number) {
  const kinds = ['driver', 'dispatcher', 'hospital'] as const;
  const samples: number[][] = [[], [], []];
  for (const r of reports) {
    for (const [id, kind, at] of r.receipts) {
      const sent = committed.get(id);
      if (sent !== undefined) samples[kind]!.push(at - sent);
    }
  }
  const latency = Object.fromEntries(
    kinds.map((k, i) => {
      const s = samples[i]!.sort((a, b) => a - b);
      return [
        k,
        { p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? Number.NaN, n: s.length },
      ];
    }),
  ) as WindowFigures['latency'];
  const positions: WorkerReport['positions'] = { ok: 0, refused: 0, failed: 0, refusedBy: {} };
  for (const { positions: p } of reports) {
    positions.ok += p.ok;
    positions.refused += p.refused;
    positions.failed += p.failed;
    for (const [code, n] of Object.entries(p.refusedBy)) {
      positions.refusedBy[code] = (positions.refusedBy[code] ?? 0) + n;
    }
  }
  return { latency, positionsPerS: positions.ok / seconds, positions, events } satisfies WindowFigures;
}

/** Streams whose clients have not all reached the head, and the events missing in total. */
async function behind(db: Db, reports: WorkerReport[]) {
  const heads = new Map(
    (
      await queryRows<{ recipient: string; head: number | string }>(
        db,
        sql`select recipient, head from stream_heads`,
      )
    ).map((r) => [r.recipient, Number(r.head)]),
  );
  let streams = 0;
  let missing = 0;
  for (const r of reports) {
    for (const [stream, offset] of Object.entries(r.lastOffsets)) {
      const head = heads.get(stream) ?? 0;
      if (offset < head) {
        streams++;
        missing += head - offset;
      }
    }
  }
  return { streams, missing };
}

async function steadyWindow(db: Db, city: SeededCity, workers: Worker[], ports: number[]) {
  await ask(workers, true);
  await Promise.all(ports.map(scrape)); // resets each node's event-loop delay histogram
  const before = await Promise.all(ports.map(scrape));
  tell(workers, { type: 'positions', on: true });
  const writer = startWriter(db, city);
  const started = performance.now();
  await sleep(WINDOW_S * 1000);
  await writer.stop();
  const seconds = (performance.now() - started) / 1000;
  if (writer.failures.length)
    console.log(
      `  writes the database refused in the window: ${writer.failures.length} (${writer.failures[0]})`,
    );
  const after = await Promise.all(ports.map(scrape));
  tell(workers, { type: 'positions', on: false });
  await sleep(2_000); // the last events of the window reach their recipients
  const reports = await ask(workers, true);
  const reporting = Math.min(REPORTING, city.clients.filter((c) => c.kind === 'driver').length);
  return {
    ...figures(reports, writer.committed, seconds, writer.committed.size),
    before,
    after,
    seconds,
    reporting,
  };
}

function printWindow(title: string, w: Awaited<ReturnType<typeof steadyWindow>>) {
  const l = w.latency;
  console.log(`\n${title} — ${fmt(w.seconds, 0)} s window, load average ${load()}`);
  console.log(
    `  job events: ${w.events} (${fmt(w.events / w.seconds)} /s); commit → recipient (ms):` +
      `\n    driver      p50 ${fmt(l.driver.p50)}  p99 ${fmt(l.driver.p99)}  max ${fmt(l.driver.max)}  (${l.driver.n} deliveries)  target p99 ≤ ${TARGETS.driverP99Ms}` +
      `\n    dispatcher  p50 ${fmt(l.dispatcher.p50)}  p99 ${fmt(l.dispatcher.p99)}  max ${fmt(l.dispatcher.max)}  (${l.dispatcher.n})` +
      `\n    hospital    p50 ${fmt(l.hospital.p50)}  p99 ${fmt(l.hospital.p99)}  max ${fmt(l.hospital.max)}  (${l.hospital.n})`,
  );
  console.log(
    `  positions: ${fmt(w.positionsPerS)} accepted /s (${w.positions.ok} ok, ${w.positions.refused} refused, ${w.positions.failed} failed; ${w.reporting} drivers every ${POSITION_EVERY_MS / 1000} s = ${fmt(w.reporting / (POSITION_EVERY_MS / 1000), 0)} /s offered)` +
      (w.positions.refused
        ? `\n    refused by the server as: ${Object.entries(w.positions.refusedBy)
            .map(([code, n]) => `${code} ${n}`)
            .join(', ')}`
        : ''),
  );
  for (const [i, s] of w.after.entries()) {
    const b = w.before[i]!;
    const refused = Object.entries(s.refused)
      .map(([reason, n]) => [reason, n - (b.refused[reason] ?? 0)] as const)
      .filter(([, n]) => n > 0);
    const batches = s.batches - b.batches;
    console.log(
      `  node ${i + 1} positions: ${s.accepted - b.accepted} accepted, refused ${refused.length ? refused.map(([r, n]) => `${r} ${n}`).join(', ') : 'none'}; ` +
        `${batches} batch writes, ${fmt((s.batchReports - b.batchReports) / Math.max(1, batches))} reports and ${fmt(((s.batchSeconds - b.batchSeconds) / Math.max(1, batches)) * 1000)} ms each`,
    );
  }
  for (const [i, s] of w.after.entries()) {
    console.log(
      `  node ${i + 1}: ${s.sockets} sockets, event-loop delay p50 ${fmt(s.loopP50)} ms p99 ${fmt(s.loopP99)} ms max ${fmt(s.loopMax)} ms (target p99 ≤ ${TARGETS.loopP99Ms}), RSS ${fmt(s.rss / 2 ** 20, 0)} MB, heap ${fmt(s.heap / 2 ** 20, 0)} MB`,
    );
  }
}

// ---------------------------------------------------------------- parts

async function connectAll(workers: Worker[]) {
  const started = performance.now();
  const ticker = setInterval(() => {
    const c = workers.reduce((s, w) => s + w.connected, 0);
    process.stdout.write(`\r  connecting… ${c}/${SOCKETS}   `);
  }, 2_000);
  await Promise.all(workers.map((w) => w.ready));
  clearInterval(ticker);
  const connected = workers.reduce((s, w) => s + w.connected, 0);
  const failed = workers.reduce((s, w) => s + w.failed, 0);
  process.stdout.write('\r');
  return { connected, failed, seconds: (performance.now() - started) / 1000 };
}

async function onePart(kind: 'one' | 'two') {
  const database = await scratchDatabase();
  const handle = await openDatabase({ url: database.url, maxConnections: 4 });
  const nodes: Node[] = [];
  const workers: Worker[] = [];
  try {
    const city = await seedCity(handle.db, {
      sockets: SOCKETS,
      districts: 16,
      hospitals: 60,
      dispatchersPerDistrict: 10,
      desksPerHospital: 4,
    });
    const counts = { driver: 0, dispatcher: 0, hospital: 0 };
    for (const c of city.clients) counts[c.kind]++;
    const redis = kind === 'two' ? REDIS : undefined;
    if (kind === 'two' && !redis) {
      console.log('\ntwo nodes: skipped (set REDIS_URL)');
      return;
    }
    // Ports the system hands out free now: a fixed port may be held by another run on the machine,
    // whose node would answer the readiness poll in this one's place.
    const ports = await Promise.all((kind === 'one' ? [0] : [0, 0]).map(() => freePort()));
    for (const port of ports) nodes.push(await startNode(port, database.url, redis));
    const idle = await Promise.all(ports.map(scrape));
    console.log(
      `\n=== ${kind === 'one' ? 'one node' : 'two nodes behind Redis'}: ${SOCKETS} sockets (${counts.driver} drivers, ${counts.dispatcher} dispatchers, ${counts.hospital} hospital desks) from ${WORKERS} client processes; load average ${load()}`,
    );
    workers.push(
      ...startWorkers(
        city,
        ports.map((p) => `http://127.0.0.1:${p}`),
      ),
    );
    const connect = await connectAll(workers);
    await sleep(3_000);
    const held = await Promise.all(ports.map(scrape));
    const heldSockets = held.reduce((s, h) => s + h.sockets, 0);
    const rssDelta = held.reduce((s, h, i) => s + h.rss - idle[i]!.rss, 0);
    const heapDelta = held.reduce((s, h, i) => s + h.heap - idle[i]!.heap, 0);
    console.log(
      `  connections held: ${heldSockets} (${connect.failed} failed) in ${fmt(connect.seconds)} s; target ${TARGETS.sockets} on one node`,
    );
    console.log(
      `  memory per connection: ${fmt(rssDelta / heldSockets / 1024)} KB RSS, ${fmt(heapDelta / heldSockets / 1024)} KB heap (target ≤ ${TARGETS.kbPerConnection} KB)`,
    );

    const window = await steadyWindow(handle.db, city, workers, ports);
    printWindow(kind === 'one' ? 'steady load, one node' : 'steady load, two nodes', window);

    if (kind === 'two') {
      console.log(
        `\nrolling restart under load (job events at ${EVENTS_PER_S}/s, positions on), load average ${load()}`,
      );
      await ask(workers, true);
      tell(workers, { type: 'positions', on: true });
      const writer = startWriter(handle.db, city);
      await sleep(5_000);
      for (let i = 0; i < nodes.length; i++) {
        const stopped = await stopNode(nodes[i]!);
        const errors = nodes[i]!.errors;
        console.log(
          `  node ${i + 1} drained and exited (code ${stopped.code}) in ${fmt(stopped.ms / 1000)} s` +
            (nodes[i]!.stopPhases
              ? ` (${Object.entries(nodes[i]!.stopPhases!)
                  .map(([phase, ms]) => `${phase} ${fmt(ms / 1000)} s`)
                  .join(', ')})`
              : ''),
        );
        if (errors.length) console.log(`    its error lines:\n    ${errors.join('\n    ')}`);
        await sleep(5_000);
        const started = performance.now();
        nodes[i] = await startNode(ports[i]!, database.url, redis);
        const steps = nodes[i]!.startPhases;
        console.log(
          `  node ${i + 1} back and ready in ${fmt((performance.now() - started) / 1000)} s` +
            (steps
              ? ` (${Object.entries(steps)
                  .map(([step, ms]) => `${step} ${fmt(ms / 1000)} s`)
                  .join(', ')})`
              : ''),
        );
        await sleep(10_000);
      }
      await writer.stop();
      if (writer.failures.length)
        console.log(
          `  writes the database refused during the restarts: ${writer.failures.length} (${[...new Set(writer.failures)].slice(0, 3).join('; ')})`,
        );
      tell(workers, { type: 'positions', on: false });
      // Every client converges on the heads (bounded wait: a bench stops by itself).
      let reports = await ask(workers, false);
      let gap = await behind(handle.db, reports);
      for (let i = 0; i < 60 && gap.streams > 0; i++) {
        await sleep(1_000);
        reports = await ask(workers, false);
        gap = await behind(handle.db, reports);
      }
      const total = reports.reduce(
        (s, r) => ({
          connected: s.connected + r.connected,
          duplicates: s.duplicates + r.duplicates,
          gaps: s.gaps + r.gaps,
          reconnects: s.reconnects + r.reconnects,
          refused: s.refused + r.refusedHandshakes,
          receipts: s.receipts + r.receipts.length,
        }),
        { connected: 0, duplicates: 0, gaps: 0, reconnects: 0, refused: 0, receipts: 0 },
      );
      const after = await Promise.all(ports.map(scrape));
      console.log(
        `  events recorded during the restarts: ${writer.committed.size}; deliveries received: ${total.receipts}` +
          `\n  clients reconnected: ${total.reconnects} reconnections (${total.refused} handshakes refused while draining), ${total.connected}/${SOCKETS} connected at the end` +
          `\n  lost: ${gap.missing} events on ${gap.streams} streams; duplicated: ${total.duplicates}; out of order: ${total.gaps}   (target 0 / 0 / 0)` +
          `\n  sockets per node after: ${after.map((s) => s.sockets).join(' + ')}`,
      );
    }
    const errors = nodes.flatMap((n) => n.errors);
    const workerErrors = (await ask(workers, false)).flatMap((r) => r.errors);
    console.log(
      `  unhandled or error lines on the server: ${errors.length}${errors.length ? `\n    ${errors.slice(0, 10).join('\n    ')}` : ''}` +
        `; client errors: ${workerErrors.length}${workerErrors.length ? ` (${[...new Set(workerErrors)].slice(0, 5).join('; ')})` : ''}`,
    );
  } finally {
    tell(workers, { type: 'close' });
    await Promise.all(
      nodes.map(async (node) => {
        if (node.process.exitCode === null) await stopNode(node);
      }),
    );
    await handle.close();
    await database.drop();
  }
}

const openFiles = /^Max open files\s+(\S+)/m.exec(
  await readFile('/proc/self/limits', 'utf8').catch(() => ''),
)?.[1];
console.log(
  `bench:realtime — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, open-file limit ${openFiles ?? 'unknown'}; load average ${load()}`,
);
if (args.only !== 'two') await onePart('one');
if (args.only !== 'one') await onePart('two');
process.exit(0);
