import { type DatabaseHandle, type Db, type Listener, queryRows } from '@lastmeter/db';
import type { StreamEvent } from '@lastmeter/shared';
import { type SQL, sql } from 'drizzle-orm';
import { OUTBOX_CHANNEL, type OutboxNotice, parseOutboxNotice } from '../domain/events/outbox-notice.ts';
import { presentStreamEventRow, type StreamEventRow } from '../domain/events/present-stream-event.ts';
import type { Logger } from '../logger.ts';

/** What this node knows of the outbox: the figures readiness and metrics report. */
export interface DeliveryStats {
  /** The node's listener is subscribed (false while its connection is being re-established). */
  listening: boolean;
  /** Times the listener subscribed (1 after start; each further one followed a dropped connection). */
  subscriptions: number;
  /** Highest committed `domain_events.id` in the database. */
  lastRecordedId: number;
  /** Highest event id this node has been told of and handled (pushed to its sockets, if any). */
  lastDeliveredId: number;
  /** Committed events with an id above `lastDeliveredId`: recorded, not yet handled by this node. */
  backlog: number;
  /** Recording-to-push delay of the last notice handled, ms (clocks of two nodes may differ slightly). */
  lastLagMs: number | null;
  /** Notices handled since start, and events pushed to this node's sockets. */
  notices: number;
  pushedEvents: number;
}

export interface OutboxTail {
  stats(): Promise<DeliveryStats>;
  /**
   * Listens again after `stop` (resolves once listening); the local streams catch up on what was
   * committed meanwhile, as after a dropped connection.
   */
  start(): Promise<void>;
  /** Stops listening (a draining node, a shutdown); waits for notices being handled. */
  stop(): Promise<void>;
}

export interface OutboxTailOptions {
  db: Db;
  listen: DatabaseHandle['listen'];
  logger: Logger;
  /** Whether any socket of this node is in the stream's room: events of other streams are not loaded. */
  isLocal(stream: string): boolean;
  /** Pushes committed events of local streams to their sockets (which order them and fill gaps). */
  deliver(events: StreamEvent[]): void;
  /**
   * The listener (re)subscribed: notices sent while it was down are lost, so local streams catch up
   * from the database to their heads.
   */
  catchUp(): Promise<void>;
}

/**
 * Tails the outbox: every node listens for the notices `recordEvents` sends at commit, loads the
 * committed events of the streams its sockets are in, and pushes them. Nothing else publishes, so an
 * event a transaction records cannot be left undelivered by the code path that recorded it, on any
 * node, nor by a node that crashed right after its commit (the notice comes from the database).
 */
export async function startOutboxTail(options: OutboxTailOptions): Promise<OutboxTail> {
  const { db, logger } = options;
  let listening = false;
  let subscriptions = 0;
  let lastDeliveredId = 0;
  let lastLagMs: number | null = null;
  let notices = 0;
  let pushedEvents = 0;
  // Notices are handled one at a time, in the order they arrive (commit order).
  let queue = Promise.resolve();
  const enqueue = (work: () => Promise<void>, what: string) => {
    queue = queue.then(work).catch((err: unknown) => logger.error({ err }, what));
  };

  const handle = async (notice: OutboxNotice) => {
    const wanted = notice.streams.filter(([stream]) => options.isLocal(stream));
    if (wanted.length) {
      const events = await loadDeliveries(db, wanted);
      options.deliver(events);
      pushedEvents += events.length;
    }
    notices++;
    lastDeliveredId = Math.max(lastDeliveredId, notice.ids[1]);
    lastLagMs = Math.max(0, Date.now() - notice.at);
  };

  let listener: Listener | null = null;
  const start = async () => {
    listener ??= await options.listen(OUTBOX_CHANNEL, {
      onNotify(payload) {
        const notice = parseOutboxNotice(payload);
        if (!notice)
          return logger.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed outbox notice');
        enqueue(() => handle(notice), 'delivering recorded events failed');
      },
      onListen() {
        listening = true;
        subscriptions++;
        // Whatever committed while not listening: every local stream catches up to its head.
        enqueue(async () => {
          lastDeliveredId = Math.max(lastDeliveredId, await lastEventId(db));
          await options.catchUp();
        }, 'catching up after the outbox listener subscribed failed');
      },
      onLost() {
        listening = false;
        logger.warn('outbox listener connection lost; re-subscribing');
      },
    });
  };
  await start();

  return {
    async stats() {
      const seen = lastDeliveredId;
      const [row] = await queryRows<{ last: number | string | null; backlog: number | string }>(
        db,
        sql`select (select max(id) from domain_events) as last,
                   (select count(*) from domain_events where id > ${seen}) as backlog`,
      );
      return {
        listening,
        subscriptions,
        lastRecordedId: Number(row?.last ?? 0),
        lastDeliveredId: seen,
        backlog: Number(row?.backlog ?? 0),
        lastLagMs,
        notices,
        pushedEvents,
      };
    },
    start,
    async stop() {
      listening = false;
      const stopping = listener;
      listener = null;
      await stopping?.stop();
      await queue;
    },
  };
}

async function lastEventId(db: Db): Promise<number> {
  const [row] = await queryRows<{ last: number | string | null }>(
    db,
    sql`select max(id) as last from domain_events`,
  );
  return Number(row?.last ?? 0);
}

/** The committed events of the given stream ranges, by primary key, in offset order per stream. */
async function loadDeliveries(db: Db, ranges: OutboxNotice['streams']): Promise<StreamEvent[]> {
  const conditions: SQL[] = ranges.map(
    ([stream, from, to]) => sql`(se.recipient = ${stream} and se."offset" between ${from} and ${to})`,
  );
  const rows = await queryRows<StreamEventRow & { recipient: string }>(
    db,
    sql`select se.recipient, se."offset", de.id, de.type, de.payload, de.at
        from stream_events se join domain_events de on de.id = se.event_id
        where ${sql.join(conditions, sql` or `)}
        order by se.recipient, se."offset"`,
  );
  return rows.map((row) => presentStreamEventRow(row.recipient, row));
}
