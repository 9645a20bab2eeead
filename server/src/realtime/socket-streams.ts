import type { StreamEvent } from '@lastmeter/shared';

/** Reads committed events of one stream with offsets in (after, upTo], oldest first. */
export type StreamSource = (
  stream: string,
  after: number,
  upTo: number,
  limit: number,
) => Promise<StreamEvent[]>;

const PAGE = 200;
/** Live events held while a stream catches up; beyond this the database serves them instead. */
const MAX_PENDING = 1_000;

interface StreamState {
  started: boolean;
  /** Last offset emitted to this socket. */
  delivered: number;
  /** Highest offset known to exist: the head at start, or any live event seen since. */
  target: number;
  /** Live events that arrived out of turn, by offset. */
  pending: Map<number, StreamEvent>;
  /** Operations (catch-up, resume) run one at a time per stream, in order. */
  tail: Promise<void>;
  busy: number;
  pumpQueued: boolean;
}

export interface ResumedStream {
  from: number;
  to: number;
  replayed: number;
}

/**
 * Per-socket delivery of durable streams, in offset order, without gaps or duplicates.
 *
 * Live events are emitted at once when they are the next offset. Anything else — an event
 * delivered out of commit order, a burst during a replay, a stream that is still catching up — is
 * held and the gap is filled from the database, which has every committed offset (offsets of a
 * stream commit in order: `recordEvent` holds the stream head's row lock until commit). Offsets at
 * or below what was already emitted are dropped.
 */
export class SocketStreams {
  private readonly streams = new Map<string, StreamState>();
  private readonly emit: (event: StreamEvent) => void;
  private readonly source: StreamSource;
  private readonly isOpen: () => boolean;
  private readonly onError: (error: unknown, stream: string) => void;

  constructor(options: {
    streams: readonly string[];
    emit: (event: StreamEvent) => void;
    source: StreamSource;
    isOpen: () => boolean;
    onError: (error: unknown, stream: string) => void;
  }) {
    this.emit = options.emit;
    this.source = options.source;
    this.isOpen = options.isOpen;
    this.onError = options.onError;
    for (const stream of options.streams) this.add(stream);
  }

  /** A stream the socket now reads (its scope grew); held until `start`. */
  add(stream: string): void {
    if (this.streams.has(stream)) return;
    this.streams.set(stream, {
      started: false,
      delivered: 0,
      target: 0,
      pending: new Map(),
      tail: Promise.resolve(),
      busy: 0,
      pumpQueued: false,
    });
  }

  /** A stream the socket no longer reads (its scope shrank): nothing more of it is emitted. */
  remove(stream: string): void {
    const state = this.streams.get(stream);
    if (!state) return;
    state.pending.clear();
    state.target = state.delivered;
    this.streams.delete(stream);
  }

  has(stream: string): boolean {
    return this.streams.has(stream);
  }

  /**
   * Starts a stream once the socket knows where the client is: events after `from` are replayed up
   * to `head`, then live ones follow. Until then live events are only held.
   */
  start(stream: string, from: number, head: number): void {
    const state = this.streams.get(stream);
    if (!state || state.started) return;
    state.started = true;
    state.delivered = Math.min(from, head);
    state.target = Math.max(state.target, head);
    this.schedulePump(stream, state);
  }

  /** A live event for one of this socket's streams (called on every node for its local sockets). */
  push(event: StreamEvent): void {
    const state = this.streams.get(event.stream);
    if (!state || event.offset <= state.delivered) return;
    if (state.started && state.busy === 0 && event.offset === state.delivered + 1) {
      this.send(state, event);
      return;
    }
    if (state.pending.size >= MAX_PENDING) state.pending.clear();
    state.pending.set(event.offset, event);
    state.target = Math.max(state.target, event.offset);
    if (state.started) this.schedulePump(event.stream, state);
  }

  /**
   * The stream's head is at least `head` (read after a gap in live delivery, e.g. the outbox listener
   * reconnecting): whatever this socket has not yet received up to it is filled from the database.
   */
  advance(stream: string, head: number): void {
    const state = this.streams.get(stream);
    if (!state || head <= state.target) return;
    state.target = head;
    if (state.started) this.schedulePump(stream, state);
  }

  /**
   * The client says it has processed `stream` up to `from`: everything after it is sent again, in
   * order, then live delivery continues. Resolves after the replayed events were emitted. Events
   * already emitted after `from` are emitted again (the client drops them by id): only events that
   * went out before the server received the resume can precede the replay — hence the handshake
   * offsets, which leave no such window.
   */
  resume(stream: string, from: number, head: Promise<number>): Promise<ResumedStream> {
    const state = this.streams.get(stream);
    if (!state) return Promise.resolve({ from, to: from, replayed: 0 });
    state.started = true;
    // Queued synchronously: live events from now on are held until the replay has caught up.
    return this.run(state, async () => {
      state.target = Math.max(state.target, await head);
      // A client ahead of the head holds offsets of another database (a reset); it restarts at the head.
      state.delivered = Math.min(from, state.target);
      const start = state.delivered;
      await this.pump(stream, state);
      return { from: start, to: state.delivered, replayed: state.delivered - start };
    });
  }

  private send(state: StreamState, event: StreamEvent): void {
    if (this.streams.get(event.stream) !== state) return;
    state.delivered = event.offset;
    this.emit(event);
  }

  private schedulePump(stream: string, state: StreamState): void {
    if (state.pumpQueued) return;
    state.pumpQueued = true;
    this.run(state, async () => {
      state.pumpQueued = false;
      await this.pump(stream, state);
    }).catch((error: unknown) => this.onError(error, stream));
  }

  private run<T>(state: StreamState, op: () => Promise<T>): Promise<T> {
    state.busy++;
    const result = state.tail.then(async () => {
      try {
        return await op();
      } finally {
        state.busy--;
      }
    });
    state.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async pump(stream: string, state: StreamState): Promise<void> {
    while (state.delivered < state.target && this.isOpen() && this.streams.get(stream) === state) {
      const held = state.pending.get(state.delivered + 1);
      if (held) {
        state.pending.delete(held.offset);
        this.send(state, held);
        continue;
      }
      const page = await this.source(stream, state.delivered, state.target, PAGE);
      if (!page.length) break;
      for (const event of page) if (event.offset > state.delivered) this.send(state, event);
    }
    for (const offset of state.pending.keys()) if (offset <= state.delivered) state.pending.delete(offset);
  }
}
