import type { ClientToServerEvents, ServerToClientEvents, StreamEvent } from '@lastmeter/shared';
import { io, type Socket } from 'socket.io-client';
import type { Party } from './world.ts';

/** One durable event as a socket received it, with the operation during which it arrived. */
export interface Received {
  event: StreamEvent;
  op: number;
  connection: number;
}

/**
 * A stretch of time during which a stream was in the party's scope. Every offset in
 * (`start`, `end`] must arrive (`end` unset: up to the stream's head at the end of the run); offsets
 * up to `start` may (a replay on joining); after the party left (op `leftAtOp`) nothing committed
 * later than `endAllowed` (the head once the change returned) may arrive until it joins again.
 */
export interface ScopeSpan {
  joinedAtOp: number;
  start: number;
  leftAtOp?: number;
  end?: number;
  endAllowed?: number;
}

/**
 * One party's live socket across the day: a real socket.io client that records every durable event,
 * can drop its connection, and reconnects resuming from the last offset it received on each stream
 * of its current scope — what the web client does after a network loss.
 */
export class SoakClient {
  readonly received: Received[] = [];
  readonly scope = new Map<string, ScopeSpan[]>();
  connections = 0;
  /** The operation under way, to tag what arrives. */
  op = -1;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  /** The last offset received per stream, over all connections. */
  private readonly last = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly url: string,
    readonly party: Party,
  ) {
    for (const stream of party.streams) this.scope.set(stream, [{ joinedAtOp: -1, start: 0 }]);
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Streams in scope now. */
  currentStreams(): string[] {
    return [...this.scope].filter(([, spans]) => spans.at(-1)?.end === undefined).map(([s]) => s);
  }

  /** Connects (or reconnects) with `resume` naming every stream in scope: from 0 the first time. */
  async connect(): Promise<void> {
    if (this.socket) return;
    const resume = Object.fromEntries(this.currentStreams().map((s) => [s, this.last.get(s) ?? 0]));
    const connection = this.connections++;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: this.party.token, resume },
    });
    socket.on('event', (event) => {
      this.received.push({ event, op: this.op, connection });
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

  /**
   * The party lost a stream during op `op`: heads read before and after the change. A socket that is
   * offline as it leaves is owed only what it had already received: it reconnects without the stream,
   * so nothing of it can be replayed to it any more.
   */
  leave(stream: string, op: number, headBefore: number, headAfter: number): void {
    const span = this.scope.get(stream)?.at(-1);
    if (!span || span.end !== undefined) return;
    const end = this.connected
      ? headBefore
      : Math.min(headBefore, Math.max(span.start, this.lastOffset(stream)));
    Object.assign(span, { leftAtOp: op, end, endAllowed: headAfter });
  }

  /** The party gained a stream during op `op`; `headAfter` read once the change returned. */
  join(stream: string, op: number, headAfter: number): void {
    const spans = this.scope.get(stream) ?? [];
    if (spans.at(-1) && spans.at(-1)!.end === undefined) return;
    spans.push({ joinedAtOp: op, start: headAfter });
    this.scope.set(stream, spans);
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
