import { ERROR_MESSAGES, type SocketAck, type StreamEvent } from '@lastmeter/shared';
import type { AppContext } from '../app-context.ts';
import type { LmServer, LmSocket } from './socket-server.ts';

/** A refused client should come back after about this long (to another node, when draining). */
const RETRY_AFTER_SECONDS = 5;

type Middleware = (socket: LmSocket, next: (err?: Error) => void) => void;

/**
 * Runs before authentication, so a refusal costs no database work: a draining node and a node
 * holding `maxSockets` connections refuse new handshakes with `unavailable` and `retryAfterSeconds`
 * (a `connect_error` the client can act on) instead of taking on more than it can serve.
 */
export function admission(app: AppContext, io: () => LmServer): Middleware {
  const max = app.config.maxSockets ?? Number.POSITIVE_INFINITY;
  return (_socket, next) => {
    const reason = app.node.draining ? 'draining' : io().engine.clientsCount > max ? 'busy' : null;
    if (!reason) return next();
    app.metrics.socketsRefused.inc({ reason });
    next(
      Object.assign(new Error('unavailable'), {
        data: { code: 'unavailable', reason, retryAfterSeconds: RETRY_AFTER_SECONDS },
      }),
    );
  };
}

/**
 * Socket metrics from the outside of the delivery code: connections by role, durable events emitted
 * (and their lag since recording), position reports received.
 */
export function instrumentSockets(app: AppContext, io: LmServer): void {
  const { metrics } = app;
  // Position reports wait for the database; past this many in flight the node sheds new ones at once
  // (the driver's next report comes a few seconds later), so handshakes, acks and event delivery keep
  // the rest of the pool instead of queueing behind a flood of positions.
  const maxPositionsInFlight = Math.max(1, Math.floor((app.config.databasePoolSize ?? 10) / 2));
  let positionsInFlight = 0;
  io.on('connection', (socket) => {
    socket.use((packet, next) => {
      const ack = packet.at(-1);
      if (packet[0] !== 'position' || typeof ack !== 'function') return next();
      if (positionsInFlight >= maxPositionsInFlight) {
        metrics.positionsShed.inc();
        const locale = socket.data.actor.locale;
        const reply: SocketAck = {
          ok: false,
          error: { code: 'unavailable', message: ERROR_MESSAGES.unavailable[locale], retryAfterSeconds: 5 },
        };
        return ack(reply);
      }
      positionsInFlight++;
      // The handler answers exactly once (server/src/realtime/handle-event.ts): that ends the report.
      packet[packet.length - 1] = (reply: unknown) => {
        positionsInFlight--;
        ack(reply);
      };
      next();
    });
    const role = socket.data.actor.role;
    metrics.sockets.inc({ role });
    socket.on('disconnect', () => metrics.sockets.dec({ role }));
    const traced = app.logger.isLevelEnabled('debug');
    socket.onAnyOutgoing((event: string, payload: unknown) => {
      if (event !== 'event') return;
      const delivered = payload as StreamEvent;
      metrics.eventsDelivered.inc();
      const at = Date.parse(delivered.at);
      if (Number.isFinite(at)) metrics.deliveryLag.observe(Math.max(0, Date.now() - at) / 1000);
      // One line per delivery is too many for `info`; at `debug` an event can be followed to each socket.
      if (traced) {
        app.logger.debug(
          { eventId: delivered.id, stream: delivered.stream, offset: delivered.offset, socket: socket.id },
          'event delivered',
        );
      }
    });
    socket.onAny((event: string) => {
      if (event === 'position') metrics.positionsReceived.inc();
    });
  });
}

/**
 * Closes every socket of a draining node, spread over `spreadMs` so the other nodes are not hit by
 * all reconnections at once. Each socket is told first (`server:draining`), then its transport is
 * closed: a socket.io client takes that as a lost connection and reconnects by itself, with its
 * handshake offsets, through the load balancer to a node that is still up.
 */
export async function closeSocketsGently(io: LmServer, spreadMs: number): Promise<void> {
  const sockets = [...io.of('/').sockets.values()];
  const batches = spreadMs > 0 ? Math.min(20, sockets.length) : 1;
  const perBatch = Math.ceil(sockets.length / Math.max(1, batches));
  for (let b = 0; b < batches; b++) {
    for (const socket of sockets.slice(b * perBatch, (b + 1) * perBatch)) {
      if (!socket.connected) continue;
      socket.emit('server:draining', { reconnectInMs: Math.round(Math.random() * 1000) });
      // engine.io flushes what is buffered (the hint) before it closes the transport.
      socket.conn.close();
    }
    if (b < batches - 1) await new Promise((resolve) => setTimeout(resolve, spreadMs / batches));
  }
}
