import type { RecordedEvent } from '@lastmeter/server/domain/events/record-event.ts';
import { recordEvent } from '@lastmeter/server/domain/events/record-event.ts';
import { syntheticEvent } from '@lastmeter/server/domain/events/synthetic-event.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  StreamEvent,
  VehiclePosition,
} from '@lastmeter/shared';
import { io, type Socket } from 'socket.io-client';
import type { TestServer } from './test-server.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client that records everything it receives, for assertions. */
export interface TestClient {
  socket: ClientSocket;
  events: StreamEvent[];
  positions: VehiclePosition[];
  rooms: string[];
  /** Resolves once `predicate` holds over the received events (rejects after `timeoutMs`). */
  waitFor(predicate: (events: StreamEvent[]) => boolean, timeoutMs?: number): Promise<StreamEvent[]>;
  close(): void;
}

export async function connectClient(
  server: Pick<TestServer, 'url'>,
  token: string,
  options: { resume?: Record<string, number> } = {},
): Promise<TestClient> {
  const socket: ClientSocket = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.resume ? { token, resume: options.resume } : { token },
  });
  const events: StreamEvent[] = [];
  const positions: VehiclePosition[] = [];
  const waiters = new Set<() => void>();
  socket.on('event', (event) => {
    events.push(event);
    for (const wake of waiters) wake();
  });
  socket.on('vehicle.position', (position) => {
    positions.push(position);
    for (const wake of waiters) wake();
  });
  const welcome = await new Promise<{ rooms: string[] }>((resolve, reject) => {
    socket.once('welcome', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    events,
    positions,
    rooms: welcome.rooms,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `timed out; received ${events.length} events: ${JSON.stringify(events.map((e) => [e.stream, e.offset]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => socket.disconnect(),
  };
}

/** Records one synthetic event carrying `marker` in its own transaction, as a use case would: the commit delivers it. */
export async function recordCommitted(
  server: Pick<TestServer, 'app'>,
  marker: Record<string, unknown>,
  recipients: string[],
): Promise<RecordedEvent> {
  return server.app.db.transaction((tx) => recordEvent(tx, syntheticEvent(recipients, marker)));
}

/** Waits a moment for pushes that must *not* arrive; used only to assert an absence. */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
