import type { Server as HttpServer } from 'node:http';
import { type ClientToServerEvents, rooms, type ServerToClientEvents } from '@lastmeter/shared';
import { Server, type Socket } from 'socket.io';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../domain/actor.ts';
import { authenticate } from '../domain/auth/authenticate.ts';
import { toAppError } from '../errors.ts';
import { tokenFromHeaders } from '../http/request-context.ts';

export interface SocketData {
  actor: Actor;
}
export type LmServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LmSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The rooms a session belongs to, derived from its scope only (CONVENTIONS: server-chosen rooms). */
export function roomsFor(actor: Actor): string[] {
  const list = [rooms.account(actor.accountId), rooms.session(actor.sessionId)];
  switch (actor.role) {
    case 'admin':
      return list;
    case 'dispatcher':
      return [...list, ...actor.districtIds.map(rooms.district)];
    case 'gatekeeper':
      return [...list, ...actor.compoundIds.map(rooms.compound)];
    case 'hospital':
      return actor.hospitalId ? [...list, rooms.hospital(actor.hospitalId)] : list;
    case 'driver':
      return actor.vehicleId ? [...list, rooms.vehicle(actor.vehicleId)] : list;
    default: {
      const unreachable: never = actor.role;
      return unreachable;
    }
  }
}

export function createSocketServer(httpServer: HttpServer, app: AppContext): LmServer {
  const io: LmServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Same-origin web app; API clients authenticate with a bearer token in `auth.token`.
    cors: { origin: false },
  });

  // Authentication happens in the handshake: no session, no connection.
  io.use(async (socket, next) => {
    const header = socket.handshake.headers;
    const authToken =
      typeof socket.handshake.auth?.token === 'string' ? `Bearer ${socket.handshake.auth.token}` : undefined;
    const token = tokenFromHeaders(header.cookie, authToken ?? header.authorization);
    if (!token) return next(handshakeError('unauthenticated'));
    try {
      socket.data.actor = await authenticate({
        db: app.db,
        token,
        ip: socket.handshake.address,
        idleSeconds: app.config.sessionIdleSeconds,
      });
      next();
    } catch (error) {
      next(handshakeError(toAppError(error).code));
    }
  });

  io.on('connection', async (socket: LmSocket) => {
    const joined = roomsFor(socket.data.actor);
    await socket.join(joined);
    socket.emit('welcome', {
      accountId: socket.data.actor.accountId,
      role: socket.data.actor.role,
      rooms: joined,
    });
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ ok: true, at: new Date().toISOString() });
    });
  });

  app.publish = (events) => {
    for (const event of events) {
      for (const delivery of event.deliveries) {
        io.to(delivery.recipient).emit('event', {
          id: event.eventId,
          type: event.type,
          payload: event.payload,
          at: event.at.toISOString(),
          stream: delivery.recipient,
          offset: delivery.offset,
        });
      }
    }
  };

  app.disconnectSession = (sessionId) => {
    io.to(rooms.session(sessionId)).emit('session:ended', { reason: 'logout' });
    io.in(rooms.session(sessionId)).disconnectSockets(true);
  };
  return io;
}

function handshakeError(code: string): Error & { data: { code: string } } {
  return Object.assign(new Error(code), { data: { code } });
}
