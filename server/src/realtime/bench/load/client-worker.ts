/**
 * One process of simulated clients for the load benchmark (bench-load.ts starts several, so the
 * server's limits are measured, not the clients'). Each client is a real socket.io-client that, like
 * the web app, sends its last offsets in the handshake on every reconnect; when its node closes the
 * connection (a drain) it reconnects to the next node. Talks to the parent over IPC only.
 */
import { performance } from 'node:perf_hooks';
import type { ClientToServerEvents, ServerToClientEvents, StreamEvent } from '@lastmeter/shared';
import { io, type Socket } from 'socket.io-client';
import type { ClientKind } from './seed-city.ts';

export interface WorkerClient {
  kind: ClientKind;
  token: string;
  /** Sends a position every `positionEveryMs` while positions are on. */
  reports: boolean;
}

export type ToWorker =
  | { type: 'init'; urls: string[]; clients: WorkerClient[]; firstNode: number; positionEveryMs: number }
  | { type: 'positions'; on: boolean }
  | { type: 'report'; reset: boolean }
  | { type: 'close' };

export interface WorkerReport {
  type: 'report';
  connected: number;
  /** [eventId, kind index, received at (epoch ms, sub-ms)] per durable event received. */
  receipts: Array<[number, number, number]>;
  /** Last offset received per stream, across this worker's clients (the lowest when clients share one). */
  lastOffsets: Record<string, number>;
  duplicates: number;
  gaps: number;
  /** `refused` by the error code the server answered (too_many_requests, unavailable, …). */
  positions: { ok: number; refused: number; failed: number; refusedBy: Record<string, number> };
  reconnects: number;
  refusedHandshakes: number;
  errors: string[];
}

export type FromWorker = { type: 'progress'; connected: number; failed: number } | WorkerReport;

const KINDS: ClientKind[] = ['driver', 'dispatcher', 'hospital'];
const CONNECT_CONCURRENCY = 40;

type LoadSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const now = () => performance.timeOrigin + performance.now();
const send = (message: FromWorker) => process.send?.(message);

interface Live {
  spec: WorkerClient;
  socket: LoadSocket | null;
  node: number;
  offsets: Record<string, number>;
  connected: boolean;
  timer: NodeJS.Timeout | undefined;
}

let urls: string[] = [];
let positionEveryMs = 5_000;
let positionsOn = false;
const clients: Live[] = [];
let receipts: WorkerReport['receipts'] = [];
let duplicates = 0;
let gaps = 0;
const noPositions = (): WorkerReport['positions'] => ({ ok: 0, refused: 0, failed: 0, refusedBy: {} });
let positions = noPositions();
let reconnects = 0;
let refusedHandshakes = 0;
const errors: string[] = [];
let closing = false;

function noteError(what: string) {
  if (errors.length < 20) errors.push(what);
}

/**
 * Connects (or reconnects) one client to `urls[node]`; resolves on `welcome` or failure. A refused
 * reconnection (the node is down) is expected during a restart: only the first connect notes errors.
 */
function open(client: Live, node: number, first = false): Promise<boolean> {
  client.node = node;
  const socket: LoadSocket = io(urls[node]!, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
    auth: { token: client.spec.token, resume: { ...client.offsets } },
  });
  client.socket = socket;
  socket.on('event', (event: StreamEvent) => {
    const last = client.offsets[event.stream] ?? 0;
    if (event.offset <= last) duplicates++;
    else {
      if (event.offset !== last + 1) gaps++;
      client.offsets[event.stream] = event.offset;
      receipts.push([event.id, KINDS.indexOf(client.spec.kind), now()]);
    }
  });
  socket.on('disconnect', (reason) => {
    client.connected = false;
    if (closing || reason === 'io client disconnect') return;
    // The node went away (a drain or a crash): the next node, after a short spread-out pause.
    reconnects++;
    setTimeout(() => void reopen(client, (client.node + 1) % urls.length), Math.random() * 1_000);
  });
  return new Promise((resolve) => {
    socket.once('welcome', (welcome) => {
      for (const room of welcome.rooms) {
        if (!room.startsWith('session:')) client.offsets[room] ??= 0;
      }
      client.connected = true;
      resolve(true);
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'unavailable') refusedHandshakes++;
      else if (first) noteError(`connect_error: ${error.message}`);
      socket.close();
      resolve(false);
    });
  });
}

/** Tries each node in turn until one takes the client (bounded: a bench stops by itself). */
async function reopen(client: Live, node: number): Promise<void> {
  for (let attempt = 0; attempt < 40 && !closing; attempt++) {
    if (await open(client, (node + attempt) % urls.length)) return;
    await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 500));
  }
  noteError('gave up reconnecting');
}

function report(reset: boolean): WorkerReport {
  const lastOffsets: Record<string, number> = {};
  for (const client of clients) {
    for (const [stream, offset] of Object.entries(client.offsets)) {
      lastOffsets[stream] = Math.min(lastOffsets[stream] ?? Number.POSITIVE_INFINITY, offset);
    }
  }
  const out: WorkerReport = {
    type: 'report',
    connected: clients.filter((c) => c.connected).length,
    receipts,
    lastOffsets,
    duplicates,
    gaps,
    positions,
    reconnects,
    refusedHandshakes,
    errors: [...errors],
  };
  if (reset) {
    receipts = [];
    positions = noPositions();
  }
  return out;
}

function startPositions(client: Live) {
  // Each driver starts at a random point of the interval, so reports are spread evenly.
  const tick = () => {
    if (!positionsOn || closing) return;
    client.timer = setTimeout(tick, positionEveryMs);
    const socket = client.socket;
    if (!socket || !client.connected) return;
    socket
      .timeout(30_000)
      .emitWithAck('position', {
        lng: 121.44 + Math.random() * 0.05,
        lat: 31.18 + Math.random() * 0.05,
        recordedAt: new Date().toISOString(),
      })
      .then(
        (reply) => {
          if (reply.ok) positions.ok++;
          else {
            positions.refused++;
            positions.refusedBy[reply.error.code] = (positions.refusedBy[reply.error.code] ?? 0) + 1;
          }
        },
        () => positions.failed++,
      );
  };
  client.timer = setTimeout(tick, Math.random() * positionEveryMs);
}

process.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'init': {
      urls = message.urls;
      positionEveryMs = message.positionEveryMs;
      for (const spec of message.clients) {
        clients.push({
          spec,
          socket: null,
          node: message.firstNode,
          offsets: {},
          connected: false,
          timer: undefined,
        });
      }
      let next = 0;
      let failed = 0;
      const progress = setInterval(
        () => send({ type: 'progress', connected: clients.filter((c) => c.connected).length, failed }),
        1_000,
      );
      await Promise.all(
        Array.from({ length: CONNECT_CONCURRENCY }, async () => {
          while (next < clients.length) {
            const client = clients[next++]!;
            if (!(await open(client, message.firstNode, true))) failed++;
          }
        }),
      );
      clearInterval(progress);
      send({ type: 'progress', connected: clients.filter((c) => c.connected).length, failed });
      return;
    }
    case 'positions':
      positionsOn = message.on;
      for (const client of clients) {
        clearTimeout(client.timer);
        if (positionsOn && client.spec.reports) startPositions(client);
      }
      return;
    case 'report':
      send(report(message.reset));
      return;
    case 'close':
      closing = true;
      for (const client of clients) {
        clearTimeout(client.timer);
        client.socket?.close();
      }
      setTimeout(() => process.exit(0), 200);
      return;
    default: {
      const never: never = message;
      noteError(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
// A bench stops by itself: if the parent goes away, so does this process.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (err) => noteError(`uncaught: ${err.message}`));
