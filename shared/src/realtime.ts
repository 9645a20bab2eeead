/**
 * Typed Socket.IO event maps shared by server and clients. Rooms are chosen by the server from the
 * session's scope; clients never name a room.
 */
/** A domain event as delivered on one recipient stream; `id` is global, `offset` per stream. */
export interface StreamEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  at: string;
  stream: string;
  offset: number;
}

export interface ServerToClientEvents {
  /** A durable domain event on one of the socket's streams (rooms). */
  event: (event: StreamEvent) => void;
  /** Sent once after the handshake: who the server thinks you are and which rooms you are in. */
  welcome: (payload: { accountId: string; role: string; rooms: string[] }) => void;
  /** The session ended (logout, expiry); the client should return to the login page. */
  'session:ended': (payload: { reason: 'logout' | 'expired' }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (reply: { ok: true; at: string }) => void) => void;
}

/** Room names, one function each, so no code spells a room by hand. */
export const rooms = {
  account: (id: string) => `account:${id}`,
  session: (id: string) => `session:${id}`,
  district: (id: string) => `district:${id}`,
  compound: (id: string) => `compound:${id}`,
  hospital: (id: string) => `hospital:${id}`,
  vehicle: (id: string) => `vehicle:${id}`,
} as const;
