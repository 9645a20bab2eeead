/**
 * Typed Socket.IO event maps shared by server and clients. Rooms are chosen by the server from the
 * session's scope; clients never name a room.
 */
export interface ServerToClientEvents {
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
