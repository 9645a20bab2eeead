import type { ClientToServerEvents, ServerToClientEvents, StreamEvent } from '@lastmeter/shared';
import { io, type Socket } from 'socket.io-client';
import type { Party } from './world.ts';

/** What one connection of a party received: every durable event, in arrival order. */
export interface Connection {
  index: number;
  /** Offsets sent in the handshake's `resume`. */
  resume: Record<string, number>;
  received: StreamEvent[];
}

/**
 * One party's live socket across the day: a real socket.io client that records every durable event,
 * can drop its connection, and reconnects resuming from the last offset it received on each stream —
 * what the web client does after a network loss.
 */
export class SoakClient {
  readonly connections: Connection[] = [];
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  /** The last offset received per stream, over all connections. */
  private readonly last = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly url: string,
    readonly party: Party,
  ) {}

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Connects (or reconnects) with `resume` naming every stream of the party: from 0 the first time. */
  async connect(): Promise<void> {
    if (this.socket) return;
    const resume = Object.fromEntries(this.party.streams.map((s) => [s, this.last.get(s) ?? 0]));
    const connection: Connection = { index: this.connections.length, resume, received: [] };
    this.connections.push(connection);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: this.party.token, resume },
    });
    socket.on('event', (event) => {
      connection.received.push(event);
      this.last.set(event.stream, Math.max(this.last.get(event.stream) ?? 0, event.offset));
      for (const wake of this.waiters) wake();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('welcome', () => resolve());
      socket.once('connect_error', reject);
    });
    this.socket = socket;
  }

  disconnect(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }

  /** The highest offset received on a stream. */
  lastOffset(stream: string): number {
    return this.last.get(stream) ?? 0;
  }

  /**
   * Resolves true once every stream has reached its expected head, false at the deadline: the
   * deadline bounds a wait for an event that never comes; it never stands in for one that does.
   */
  waitForHeads(heads: Map<string, number>, deadline: number): Promise<boolean> {
    const reached = () => [...heads].every(([stream, head]) => this.lastOffset(stream) >= head);
    return new Promise((resolve) => {
      const check = () => {
        if (!reached()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(
        () => {
          this.waiters.delete(check);
          resolve(reached());
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiters.add(check);
      check();
    });
  }
}
