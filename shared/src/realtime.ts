import { z } from 'zod';
import type { ErrorCode, FieldIssue } from './errors.ts';
import type { EventPayload } from './events.ts';

/**
 * Typed Socket.IO event maps and socket payload schemas shared by server and clients. Rooms are
 * chosen by the server from the session's scope; clients never name a room. Each durable room is
 * also a *stream*: an ordered log with offsets 1, 2, 3 … that a client can resume from.
 * The protocol is described in docs/realtime.md.
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

// ---------------------------------------------------------------- payload schemas (client → server)

/** A durable stream name, e.g. `vehicle:<uuid>`; sessions are not streams. */
export const streamNameSchema = z
  .string()
  .regex(/^(account|district|compound|hospital|vehicle):[0-9a-f-]{36}$/, 'is not a stream name')
  .meta({
    description: 'A stream (room) name such as `vehicle:<uuid>`, as received in `StreamEvent.stream`.',
  });

export const streamOffsetSchema = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'The last offset the client has processed on that stream (0: nothing yet).' });

/** At most this many streams per resume: more than any scope holds, and bounds the work one message causes. */
export const MAX_RESUME_STREAMS = 200;

const resumeOffsets = z
  .record(streamNameSchema, streamOffsetSchema)
  .refine((streams) => Object.keys(streams).length <= MAX_RESUME_STREAMS, {
    message: `names more than ${MAX_RESUME_STREAMS} streams`,
  });

export const resumeInputSchema = z
  .strictObject({
    streams: resumeOffsets.meta({
      description:
        'Last processed offset per stream. Streams outside the socket’s scope are ignored (never an error, never replayed).',
    }),
  })
  .meta({ id: 'ResumeInput' });
export type ResumeInput = z.infer<typeof resumeInputSchema>;

/** The handshake `auth` object: the bearer token (API clients) and the offsets to resume from. */
export const handshakeAuthSchema = z
  .object({
    token: z
      .string()
      .max(512)
      .optional()
      .meta({ description: 'Session token; browsers use the cookie instead.' }),
    resume: resumeOffsets.optional().meta({
      description:
        'Last processed offset per stream; replay starts right after the handshake, before any live event.',
    }),
  })
  .meta({ id: 'HandshakeAuth' });
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

export const ackInputSchema = z
  .strictObject({
    stream: streamNameSchema,
    offset: streamOffsetSchema.meta({
      description: 'Everything up to and including this offset is processed.',
    }),
  })
  .meta({ id: 'AckInput' });
export type AckInput = z.infer<typeof ackInputSchema>;

/** A driver's position report. */
export const positionInputSchema = z
  .strictObject({
    lng: z.number().min(-180).max(180).meta({ description: 'Longitude, WGS84 degrees.' }),
    lat: z.number().min(-90).max(90).meta({ description: 'Latitude, WGS84 degrees.' }),
    accuracy: z.number().min(0).max(100_000).nullish().meta({ description: 'Horizontal accuracy, metres.' }),
    heading: z.number().min(0).max(360).nullish().meta({ description: 'Degrees clockwise from true north.' }),
    speed: z.number().min(0).max(100).nullish().meta({ description: 'Ground speed, metres per second.' }),
    recordedAt: z.iso.datetime({ offset: true }).meta({
      description: 'When the device took the fix (ISO 8601); at most a minute ahead of the server.',
    }),
  })
  .meta({ id: 'PositionInput' });
export type PositionInput = z.infer<typeof positionInputSchema>;

// ---------------------------------------------------------------- acks (server → client replies)

export interface SocketError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
}
/** Every acknowledged client event gets `{ ok: true, … }` or `{ ok: false, error }` (codes as in HTTP). */
export type SocketAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };

/** Per resumed stream: replayed events with offsets `from + 1 … to`; store `to` as the new last offset. */
export interface ResumeResult {
  streams: Record<string, { from: number; to: number; replayed: number }>;
}

export interface PositionResult {
  /** The leg whose ETA was recomputed, if the vehicle is serving one. */
  eta: { legId: string; etaAt: string } | null;
}

// ---------------------------------------------------------------- event payloads

/** Ephemeral (no stream, no offset): sent to the vehicle's district room on every accepted report. */
export interface VehiclePosition {
  vehicleId: string;
  districtId: string;
  lng: number;
  lat: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  recordedAt: string;
  receivedAt: string;
}

/** Durable event types recorded by the realtime layer. */
export const REALTIME_EVENT_TYPES = { etaUpdated: 'leg.eta_updated', vehicleStale: 'vehicle.stale' } as const;

/** `leg.eta_updated` payload, to the hospital's and the compound's streams of the leg (shared/src/events.ts). */
export type LegEtaUpdated = EventPayload<'leg.eta_updated'>;

/** `vehicle.stale` payload, to the district's stream: `stale: false` when the vehicle is heard again. */
export type VehicleStale = EventPayload<'vehicle.stale'>;

/**
 * `vehicle.status_changed` payload, to the district's stream: the vehicle's status followed its legs
 * (on a job, disinfecting until `disinfectingUntil`, available again).
 */
export type VehicleStatusChanged = EventPayload<'vehicle.status_changed'>;

// ---------------------------------------------------------------- event maps

export interface ServerToClientEvents {
  /** A durable domain event on one of the socket's streams, in offset order per stream. */
  event: (event: StreamEvent) => void;
  /** A vehicle's latest position (dispatch); not durable — the map reloads positions over REST. */
  'vehicle.position': (position: VehiclePosition) => void;
  /** Sent once after the handshake: who the server thinks you are and which rooms you are in. */
  welcome: (payload: { accountId: string; role: string; rooms: string[] }) => void;
  /** The session ended (logout, expiry, account deactivated); the client should return to the login page. */
  'session:ended': (payload: { reason: 'logout' | 'expired' | 'deactivated' }) => void;
  /**
   * This node is shutting down (a rolling restart) and closes the connection right after: reconnect,
   * through the load balancer or to another node, after about `reconnectInMs`, sending the handshake
   * offsets as on any reconnect. Nothing is lost: the other node replays from those offsets.
   */
  'server:draining': (hint: { reconnectInMs: number }) => void;
}

export interface ClientToServerEvents {
  /** Liveness: acknowledged `{ ok: true, at }` (server time); a payload, if any, is ignored. */
  ping: (ack: (reply: { ok: true; at: string }) => void) => void;
  /** Replays every event after the given offsets, then the ack; live events follow without gaps. */
  resume: (input: ResumeInput, ack: (reply: SocketAck<ResumeResult>) => void) => void;
  /** Marks a stream processed up to an offset (stored per account, so another device resumes there). */
  ack: (input: AckInput, ack?: (reply: SocketAck) => void) => void;
  /** Drivers only; at most one accepted per vehicle every 2 s, extra ones get `too_many_requests`. */
  position: (input: PositionInput, ack?: (reply: SocketAck<PositionResult>) => void) => void;
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
