import type { StreamEvent } from '@lastmeter/shared';
import type { AppContext } from '../app-context.ts';
import type { LmServer, LmSocket } from './socket-types.ts';

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
 * Socket metrics from the outside of the delivery code: connections by role. Nothing per socket beyond
 * one listener: at 10,000 sockets every closure and map a socket carries is paid 10,000 times
 * (docs/operations.md, "Memory").
 */
export function instrumentSockets(app: AppContext, io: LmServer): void {
  const { metrics } = app;
  io.on('connection', (socket) => {
    const role = socket.data.actor.role;
    metrics.sockets.inc({ role });
    socket.once('disconnect', () => metrics.sockets.dec({ role }));
  });
}

/** A durable event emitted to one socket: counted, its lag observed, and traced at `debug`. */
export function noteDelivered(app: AppContext, event: StreamEvent, socketId: string): void {
  app.metrics.eventsDelivered.inc();
  const at = Date.parse(event.at);
  if (Number.isFinite(at)) app.metrics.deliveryLag.observe(Math.max(0, Date.now() - at) / 1000);
  // One line per delivery is too many for `info`; at `debug` an event can be followed to each socket.
  if (app.logger.isLevelEnabled('debug')) {
    app.logger.debug(
      { eventId: event.id, stream: event.stream, offset: event.offset, socket: socketId },
      'event delivered',
    );
  }
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
