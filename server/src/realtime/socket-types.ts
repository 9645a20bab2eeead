import type { ClientToServerEvents, ServerToClientEvents } from '@lastmeter/shared';
import type { Server, Socket } from 'socket.io';
import type { Actor } from '../domain/actor.ts';

/**
 * The types of this layer's Socket.IO server and its sockets, apart from the server that makes them
 * (socket-server.ts), so the handlers it wires in (admission.ts, handle-event.ts) can name them.
 */
export interface SocketData {
  actor: Actor;
  /** Offsets the client sent in the handshake (`auth.resume`), already validated. */
  resume: Record<string, number>;
}
/** Node-to-node messages through the adapter: none of ours (every node tails the outbox itself). */
export type InterServerEvents = Record<string, never>;
export type LmServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LmSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
