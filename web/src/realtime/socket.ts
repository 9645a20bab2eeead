import type { ClientToServerEvents, ServerToClientEvents, StreamEvent } from '@lastmeter/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { recheckSession } from '../features/auth/auth.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket for the whole app, on the page's own origin: the server authenticates the handshake with
 * the same httpOnly `lm_session` cookie as the REST API, so no token is handled here. Created lazily and
 * connected only while someone is signed in.
 */
let socket: AppSocket | null = null;
/** Whether the signed-in shell wants the socket connected (a retry after `unavailable` checks it). */
let wanted = false;
let state: ConnectionState = 'offline';
const stateListeners = new Set<() => void>();

function setState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of stateListeners) listener();
}

// ---------------------------------------------------------------- durable streams (docs/realtime.md)

const OFFSETS_KEY = 'lm.streamOffsets';
const ACK_EVERY_MS = 1_000;
const SEEN_IDS = 2_000;

/** Last processed offset per stream, kept across reloads so a reconnect replays only what was missed. */
function loadOffsets(): Record<string, number> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(OFFSETS_KEY) ?? '{}');
    if (!stored || typeof stored !== 'object') return {};
    return Object.fromEntries(
      Object.entries(stored).filter((entry): entry is [string, number] => Number.isSafeInteger(entry[1])),
    );
  } catch {
    return {};
  }
}

const offsets = loadOffsets();
const seen = new Set<number>();
const toAck = new Map<string, number>();
let ackScheduled = false;

function flushAcks(): void {
  ackScheduled = false;
  localStorage.setItem(OFFSETS_KEY, JSON.stringify(offsets));
  if (socket?.connected) for (const [stream, offset] of toAck) socket.emit('ack', { stream, offset });
  toAck.clear();
}

/** Every durable event passes here once: duplicates (by id, or an offset already processed) are dropped. */
function receive(event: StreamEvent): void {
  if (seen.has(event.id) || event.offset <= (offsets[event.stream] ?? 0)) return;
  seen.add(event.id);
  if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value as number);
  offsets[event.stream] = event.offset;
  toAck.set(event.stream, event.offset);
  if (!ackScheduled) {
    ackScheduled = true;
    setTimeout(flushAcks, ACK_EVERY_MS);
  }
}

export function getSocket(): AppSocket {
  if (!socket) {
    socket = io({
      path: '/socket.io',
      withCredentials: true,
      autoConnect: false,
      // Called on every (re)connect: the server replays each stream after these offsets before any live event.
      auth: (send) => send({ resume: { ...offsets } }),
    });
    socket.on('event', receive);
    socket.on('connect', () => setState('online'));
    socket.on('disconnect', () => setState(socket?.active ? 'connecting' : 'offline'));
    socket.on('connect_error', (error) => {
      // A node that is draining or full refuses the handshake with `unavailable`: come back a little
      // later (the load balancer then picks a node that is up), spread so clients do not return at once.
      const data = (error as Error & { data?: { code?: string; retryAfterSeconds?: number } }).data;
      if (data?.code === 'unavailable') {
        setState('connecting');
        const seconds = data.retryAfterSeconds ?? 5;
        setTimeout(
          () => {
            if (socket && !socket.connected && !socket.active && wanted) socket.connect();
          },
          seconds * 1000 * (0.5 + Math.random()),
        );
        return;
      }
      setState(socket?.active ? 'connecting' : 'offline');
    });
  }
  return socket;
}

function subscribeState(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeState, () => state);
}

/**
 * Keeps the socket connected while the calling component (the signed-in app shell) is mounted.
 * After a reconnect every query is refetched, because pushes missed while offline are gone but the
 * database has the truth. A refused handshake (inactive socket after connect_error) means the session
 * is no longer valid, so the REST check decides whether to send the user to the login page.
 */
export function useRealtimeConnection(): void {
  const queryClient = useQueryClient();
  const hasConnected = useRef(false);

  useEffect(() => {
    const live = getSocket();
    const onConnect = () => {
      if (hasConnected.current) void queryClient.invalidateQueries();
      hasConnected.current = true;
    };
    const onConnectError = () => {
      if (!live.active) void recheckSession(queryClient);
    };
    // Logout in another tab, expiry or revocation: the REST check moves this tab to the login page too.
    const onSessionEnded = () => void recheckSession(queryClient);
    live.on('connect', onConnect);
    live.on('connect_error', onConnectError);
    live.on('session:ended', onSessionEnded);
    setState('connecting');
    wanted = true;
    live.connect();
    return () => {
      wanted = false;
      live.off('connect', onConnect);
      live.off('connect_error', onConnectError);
      live.off('session:ended', onSessionEnded);
      live.disconnect();
      setState('offline');
    };
  }, [queryClient]);
}

/** Listens to one server event while mounted; typically to invalidate the queries the event touches. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  listener: ServerToClientEvents[E],
): void {
  // The latest listener runs without re-subscribing on every render.
  const onEvent = useEffectEvent(listener);
  useEffect(() => {
    const live = getSocket();
    // socket.io's listener type is a conditional type TypeScript cannot resolve for a generic event
    // name; for any E it is exactly ServerToClientEvents[E], the type of `onEvent`.
    const handler = onEvent as Parameters<typeof live.on<E>>[1];
    live.on(event, handler);
    return () => {
      live.off(event, handler);
    };
  }, [event]);
}
