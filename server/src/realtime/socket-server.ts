import type { Server as HttpServer } from 'node:http';
import { type DatabaseHandle, streamHeads } from '@lastmeter/db';
import {
  ackInputSchema,
  handshakeAuthSchema,
  payloadOf,
  positionInputSchema,
  type ResumeResult,
  resumeInputSchema,
  rooms,
  type StreamEvent,
  streamNameSchema,
} from '@lastmeter/shared';
import { inArray } from 'drizzle-orm';
import { Server } from 'socket.io';
import { type ServerOptions, WebSocketServer } from 'ws';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../domain/actor.ts';
import { authenticate } from '../domain/auth/authenticate.ts';
import { loadActor } from '../domain/auth/load-actor.ts';
import { loadStreamPositions } from '../domain/events/load-stream-positions.ts';
import { ACCOUNT_SCOPE_CHANGED } from '../domain/events/record-scope-changed.ts';
import { replayStream } from '../domain/events/replay-stream.ts';
import { saveStreamAcks } from '../domain/events/save-stream-acks.ts';
import { ownStreams, streamsOf } from '../domain/events/streams-of.ts';
import { errors, toAppError } from '../errors.ts';
import { tokenFromHeaders } from '../http/request-context.ts';
import { noteDelivered } from './admission.ts';
import { onEvent } from './handle-event.ts';
import { type OutboxTail, startOutboxTail } from './outbox-tail.ts';
import { refusalOf, startPositionIntake } from './position-intake.ts';
import { SocketStreams } from './socket-streams.ts';
import type { LmServer, LmSocket } from './socket-types.ts';

export const DEFAULT_POSITION_INTERVAL_MS = 2_000;
/** Vehicles whose reports may wait for a batch at once; beyond, reports are shed (`unavailable`). */
export const DEFAULT_POSITION_QUEUE_MAX = 20_000;
/** Stored acks are written at most this often per socket (and on disconnect). */
const ACK_FLUSH_MS = 1_000;

/** The rooms a session belongs to, derived from its scope only (CODE_STYLE.md 9: the server chooses the rooms). */
export function roomsFor(actor: Actor): string[] {
  return [...streamsOf(actor), rooms.session(actor.sessionId)];
}

export interface RealtimeServer {
  io: LmServer;
  /**
   * Starts pushing every committed event to this node's sockets (server/src/realtime/outbox-tail.ts);
   * resolves once the node listens, so whatever commits from then on is delivered.
   */
  /**
   * Starts delivering the outbox to this node's sockets. Its loads run on connections of their own
   * (`dedicated`), so a busy request pool does not hold committed events back from the drivers.
   */
  tailOutbox(database: Pick<DatabaseHandle, 'listen' | 'dedicated'>): Promise<OutboxTail>;
  /** Waits for writes still in flight from closed sockets (stored acks); call after `io.close()`. */
  drain(): Promise<void>;
}

/**
 * How long a closed WebSocket waits for the client's closing frame before its TCP connection is cut.
 * `ws` waits 30 s by default, and a draining node's HTTP listener only closes when the last of its
 * connections has: one slow client held a rolling restart's stop for half a minute. A client that has
 * not answered by then reconnects all the same (it sees the connection drop).
 */
const WEBSOCKET_CLOSE_TIMEOUT_MS = 2_000;

/** engine.io's WebSocket server (`ws`, its default `wsEngine`) with a short closing handshake. */
class QuickClosingWebSocketServer extends WebSocketServer {
  constructor(options: ServerOptions, callback?: () => void) {
    // `closeTimeout` is newer than the `ws` typings.
    const withTimeout: ServerOptions & { closeTimeout: number } = {
      ...options,
      closeTimeout: WEBSOCKET_CLOSE_TIMEOUT_MS,
    };
    super(withTimeout, callback);
  }
}

export function createSocketServer(
  httpServer: HttpServer,
  app: AppContext,
  options: { admit?: (socket: LmSocket, next: (err?: Error) => void) => void } = {},
): RealtimeServer {
  const io: LmServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Compression would keep a zlib context per socket (tens of KB each at 10,000 sockets) for
    // messages of a few hundred bytes: off, as engine.io's default, and said so here.
    perMessageDeflate: false,
    wsEngine: QuickClosingWebSocketServer,
    // Same-origin web app; API clients authenticate with a bearer token in `auth.token`.
    cors: { origin: false },
  });
  const positionMinIntervalMs = app.config.positionMinIntervalMs ?? DEFAULT_POSITION_INTERVAL_MS;
  // Accepted positions reach the vehicle's district dispatch on every node (through the adapter).
  const positionIntake = startPositionIntake(app, {
    minIntervalMs: positionMinIntervalMs,
    maxQueued: app.config.positionQueueMax ?? DEFAULT_POSITION_QUEUE_MAX,
    broadcast: (position) => io.to(rooms.district(position.districtId)).emit('vehicle.position', position),
  });
  const local = new Map<string, SocketStreams>();
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  // Admission (draining, max sockets: server/src/realtime/admission.ts) before any database work.
  if (options.admit) io.use(options.admit);
  // Authentication happens in the handshake: no session, no connection.
  io.use(async (socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(handshakeError('validation_failed'));
    const header = socket.handshake.headers;
    const authToken = auth.data.token ? `Bearer ${auth.data.token}` : undefined;
    const token = tokenFromHeaders(header.cookie, authToken ?? header.authorization);
    if (!token) return next(handshakeError('unauthenticated'));
    try {
      socket.data.actor = await authenticate({
        db: app.db,
        token,
        ip: socket.handshake.address,
        idleSeconds: app.config.sessionIdleSeconds,
      });
      socket.data.resume = auth.data.resume ?? {};
      next();
    } catch (error) {
      next(handshakeError(toAppError(error).code));
    }
  });

  io.on('connection', async (socket: LmSocket) => {
    // The actor is re-read on every use: a scope change (below) replaces it while the socket stays open.
    const first = socket.data.actor;
    // The HTTP upgrade request stays referenced by engine.io for the connection's life; everything this
    // server reads from it is in the handshake already. Dropping it saves a few KB per socket.
    (socket.conn as { request: unknown }).request = null;
    // Logged with the socket and account only when something fails: no child logger per socket.
    const log = (fields: Record<string, unknown>, message: string) =>
      app.logger.error({ ...fields, socket: socket.id, account: socket.data.actor.accountId }, message);
    const ownStream = rooms.account(first.accountId);
    let rescoping: Promise<void> | undefined;
    const streams: SocketStreams = new SocketStreams({
      streams: streamsOf(first),
      emit: (event) => {
        socket.emit('event', event);
        noteDelivered(app, event, socket.id);
        if (event.type === ACCOUNT_SCOPE_CHANGED && event.stream === ownStream) {
          const heads = payloadOf(event, ACCOUNT_SCOPE_CHANGED)?.heads ?? null;
          rescoping = (rescoping ?? Promise.resolve())
            .then(() => rescope(socket, streams, heads))
            .catch((err: unknown) => log({ err }, 'moving the socket to its new scope failed'));
        }
      },
      source: (stream, after, upTo, limit) =>
        replayStream({ db: app.db, actor: socket.data.actor, stream, after, upTo, limit }),
      isOpen: () => socket.connected,
      onError: (err, stream) => log({ err, stream }, 'stream catch-up failed'),
    });
    local.set(socket.id, streams);

    // Handlers first, before any await: a client may send `resume` the moment it is connected.
    const acked = new Map<string, number>();
    let flushTimer: NodeJS.Timeout | undefined;
    const flushAcks = () => {
      flushTimer = undefined;
      if (!acked.size) return;
      const offsets = Object.fromEntries(acked);
      acked.clear();
      track(
        saveStreamAcks({ db: app.db, actor: socket.data.actor, offsets, now: new Date() }).catch(
          (err: unknown) => log({ err }, 'saving stream acks failed'),
        ),
      );
    };
    let lastPositionAt = 0;

    // `ping` takes no input, but a client may send one anyway: the ack is the last argument either way.
    socket.on('ping', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: true, at: new Date().toISOString() });
    });
    onEvent(socket, app.logger, 'resume', resumeInputSchema, async (input): Promise<ResumeResult> => {
      // No await before `streams.resume`: the streams hold live events from the moment the resume is read.
      const actor = socket.data.actor;
      const wanted = ownStreams(actor, input.streams);
      const positions = loadStreamPositions({ db: app.db, actor });
      positions.catch(() => {}); // awaited (and reported) through each stream's resume below
      const results = await Promise.all(
        [...wanted].map(async ([stream, from]) => {
          const head = positions.then((p) => p.get(stream)?.head ?? 0);
          return [stream, await streams.resume(stream, from, head)] as const;
        }),
      );
      return { streams: Object.fromEntries(results) };
    });
    onEvent(socket, app.logger, 'ack', ackInputSchema, async (input) => {
      if (streams.has(input.stream)) {
        acked.set(input.stream, Math.max(acked.get(input.stream) ?? 0, input.offset));
        flushTimer ??= setTimeout(flushAcks, ACK_FLUSH_MS);
      }
      return {};
    });
    onEvent(
      socket,
      app.logger,
      'position',
      positionInputSchema,
      async (input) => {
        app.metrics.positionsReceived.inc();
        // A cheap first gate per socket; the database condition in the use case is the real limit. Both
        // read the server's clock (server/src/clock.ts), as the ETA and the stale sweep do.
        const now = app.clock.now();
        if (now.getTime() - lastPositionAt < positionMinIntervalMs) {
          throw errors.tooManyRequests(Math.ceil(positionMinIntervalMs / 1000));
        }
        const reported = await positionIntake.submit(socket.data.actor, input, now);
        lastPositionAt = now.getTime();
        app.metrics.positionsAccepted.inc();
        return { eta: reported.eta };
      },
      (error) => app.metrics.positionsRefused.inc({ reason: refusalOf(error) }),
    );
    socket.on('disconnect', () => {
      local.delete(socket.id);
      clearTimeout(flushTimer);
      flushAcks();
    });

    const actor = first;
    const joined = roomsFor(actor);
    await socket.join(joined);
    // Where each stream starts: this device's offsets, else the account's stored ack, else live from now.
    // `welcome` only after that: "live from now" then means from the welcome, so a client that acts on
    // the welcome never loses an event committed between its connect and the head read.
    await loadStreamPositions({ db: app.db, actor }).then(
      (positions) => {
        const resume = ownStreams(actor, socket.data.resume);
        for (const [stream, { head, acked: stored }] of positions) {
          streams.start(stream, resume.get(stream) ?? stored ?? head, head);
        }
        socket.emit('welcome', { accountId: actor.accountId, role: actor.role, rooms: joined });
      },
      (err: unknown) => {
        log({ err }, 'loading stream positions failed');
        socket.disconnect(true);
      },
    );
  });

  /**
   * The account's scope changed (account.scope_changed on its own stream, delivered on every node):
   * the socket leaves the rooms and streams it lost and joins the new ones, each replayed from its head
   * as the change committed (`heads`), so events committed between the change and the join reach it;
   * an account that can no longer act is signed out. A fresh `welcome` names the rooms. A stream the
   * event has no head for came with a later change: that change's own event joins it.
   */
  const rescope = async (
    socket: LmSocket,
    streams: SocketStreams,
    /** Null from a writer that sent none (a node of an older version): live from the heads. */
    heads: Record<string, number> | null,
  ) => {
    const old = socket.data.actor;
    const next = await loadActor(
      app.db,
      old.accountId,
      { id: old.sessionId, expiresAt: old.sessionExpiresAt },
      old.ip,
    );
    if (!socket.connected) return;
    if (!next) {
      socket.emit('session:ended', { reason: 'deactivated' });
      socket.disconnect(true);
      return;
    }
    socket.data.actor = next;
    const before = socket.rooms;
    const after = roomsFor(next).filter(
      (r) => !heads || before.has(r) || Object.hasOwn(heads, r) || r === rooms.session(next.sessionId),
    );
    for (const room of [...before].filter((r) => r !== socket.id && !after.includes(r))) {
      streams.remove(room);
      await socket.leave(room);
    }
    const added = after.filter((r) => !before.has(r));
    for (const room of added) streams.add(room);
    await socket.join(added);
    const positions = await loadStreamPositions({ db: app.db, actor: next });
    for (const room of added) {
      const head = positions.get(room)?.head;
      if (head !== undefined) streams.start(room, Math.min(heads?.[room] ?? head, head), head);
    }
    socket.emit('welcome', { accountId: next.accountId, role: next.role, rooms: after });
  };

  // Each node delivers to its own sockets: every node tails the outbox (no node-to-node fan-out).
  const localRooms = () => io.of('/').adapter.rooms;
  const deliver = (events: StreamEvent[]) => {
    for (const event of events) {
      const members = localRooms().get(event.stream);
      if (!members) continue;
      for (const socketId of members) local.get(socketId)?.push(event);
    }
  };
  // After a gap in the listener's notices: each local stream's head, and every socket fills up to it.
  const catchUp = async () => {
    const streams = [...localRooms().keys()].filter((room) => streamNameSchema.safeParse(room).success);
    if (!streams.length) return;
    const heads = await app.db.select().from(streamHeads).where(inArray(streamHeads.recipient, streams));
    for (const { recipient, head } of heads) {
      for (const socketId of localRooms().get(recipient) ?? [])
        local.get(socketId)?.advance(recipient, Number(head));
    }
  };

  app.disconnectSession = (sessionId) => {
    io.to(rooms.session(sessionId)).emit('session:ended', { reason: 'logout' });
    io.in(rooms.session(sessionId)).disconnectSockets(true);
  };

  return {
    io,
    tailOutbox: (database) =>
      startOutboxTail({
        db: database.dedicated('outbox', 2),
        listen: database.listen,
        logger: app.logger,
        isLocal: (stream) => localRooms().has(stream),
        deliver,
        catchUp,
      }),
    async drain() {
      await positionIntake.close();
      await Promise.all([...inFlight]);
    },
  };
}

function handshakeError(code: string): Error & { data: { code: string } } {
  return Object.assign(new Error(code), { data: { code } });
}
