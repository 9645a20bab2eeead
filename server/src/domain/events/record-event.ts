import { type Db, domainEvents, streamEvents, streamHeads } from '@lastmeter/db';
import { type EventPayload, type EventType, eventPayloadIssues } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import { createLogger, type Logger } from '../../logger.ts';
import { notifyOutbox } from './outbox-notice.ts';

/**
 * A domain event to record, typed by the event contract (`EVENT_CONTRACT` in shared/src/events.ts):
 * an unknown type or a payload that does not fit its type is a compile error.
 */
export type NewDomainEvent<T extends EventType = EventType> = {
  [K in T]: {
    type: K;
    payload: EventPayload<K>;
    actorId: string | null;
    /** Server-chosen rooms (`rooms.*` in @lastmeter/shared) that must receive this event. */
    recipients: string[];
  };
}[T];

const checkStrictly = process.env.VITEST !== undefined || process.env.NODE_ENV === 'test';
const warned = new Set<string>();
let log: Logger | undefined;

/**
 * Checks each payload against the contract at run time too (casts and spreads escape the compiler).
 * Under test a mismatch throws; in production it is logged once per type and the change goes
 * through: a documentation mismatch never rolls back a real change.
 */
function checkPayloads(events: readonly NewDomainEvent[]): void {
  for (const event of events) {
    const issues = eventPayloadIssues(event.type, event.payload);
    if (!issues) continue;
    if (checkStrictly) throw new Error(`${event.type} payload does not fit the event contract: ${issues}`);
    if (warned.has(event.type)) continue;
    warned.add(event.type);
    log ??= createLogger('warn', 'json');
    log.warn({ type: event.type, issues }, 'event payload does not fit the event contract');
  }
}

export interface RecordedEvent {
  eventId: number;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  deliveries: Array<{ recipient: string; offset: number }>;
}

/**
 * Code that keeps a table in step with domain events, inside the transaction that records them: a
 * projector's rows exist exactly when the change does, and its failure rolls the change back. A
 * projector writes only its own tables and never records events itself.
 */
export type Projector = (tx: Db, events: RecordedEvent[]) => Promise<void>;

let projectors: readonly Projector[] | undefined;

/**
 * Names the projectors every `recordEvents` runs. They are named where a process is put together
 * (server/src/projections.ts), not here: the areas that keep the tables stand on this one, and this
 * one knows none of them.
 */
export function setProjectors(list: readonly Projector[]): void {
  projectors = list;
}

async function runProjectors(tx: Db, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Recording without them would leave their tables behind the events, silently.
  if (!projectors)
    throw new Error('no projectors set: call startProjections() (server/src/projections.ts) first');
  for (const project of projectors) await project(tx, events);
}

/**
 * Writes domain events and their per-recipient deliveries. Call it inside the transaction of the
 * change they describe, so the events exist exactly when the change does (CODE_STYLE.md 9). Delivery
 * needs nothing more: the call also sends an outbox notice that PostgreSQL hands to every server node
 * at commit, and each node pushes the committed events to its own sockets (server/src/realtime/
 * outbox-tail.ts). Each recipient's offsets increase by one per event: the upsert on `stream_heads`
 * locks that recipient's row until commit, so offsets commit in order.
 *
 * All of a transaction's events should go through ONE call: the heads are locked in one sorted pass,
 * so two transactions can never wait on each other's heads in opposite orders (a deadlock).
 */
export async function recordEvents(tx: Db, events: NewDomainEvent[]): Promise<RecordedEvent[]> {
  checkPayloads(events);
  const list = events.filter((e) => e.recipients.length > 0);
  if (list.length === 0) return [];
  const perRecipient = new Map<string, number[]>();
  list.forEach((event, index) => {
    for (const recipient of new Set(event.recipients)) {
      const indexes = perRecipient.get(recipient) ?? [];
      indexes.push(index);
      perRecipient.set(recipient, indexes);
    }
  });
  // One upsert for every recipient, in sorted order: the rows are taken (and locked) in that order.
  // It needs nothing from the events' insert, so both go to the database at once.
  const recipients = [...perRecipient.keys()].sort();
  const [rows, heads] = await Promise.all([
    tx
      .insert(domainEvents)
      .values(list.map((e) => ({ type: e.type, payload: e.payload, actorId: e.actorId })))
      .returning({ id: domainEvents.id, at: domainEvents.at }),
    tx
      .insert(streamHeads)
      .values(recipients.map((recipient) => ({ recipient, head: perRecipient.get(recipient)!.length })))
      .onConflictDoUpdate({
        target: streamHeads.recipient,
        set: { head: sql`${streamHeads.head} + excluded.head` },
      })
      .returning({ recipient: streamHeads.recipient, head: streamHeads.head }),
  ]);
  if (rows.length !== list.length) throw new Error('domain event insert returned too few rows');
  // Insert order is id order: pair each event with its row by sorting ids.
  rows.sort((a, b) => a.id - b.id);

  const recorded: RecordedEvent[] = list.map((event, index) => ({
    eventId: rows[index]!.id,
    type: event.type,
    payload: event.payload as Record<string, unknown>,
    at: rows[index]!.at,
    deliveries: [],
  }));
  const streamRows: Array<{ recipient: string; offset: number; eventId: number }> = [];
  const ranges: Array<[string, number, number]> = [];
  const headOf = new Map(heads.map((h) => [h.recipient, h.head]));
  for (const recipient of recipients) {
    const indexes = perRecipient.get(recipient)!;
    const head = headOf.get(recipient);
    if (head === undefined) throw new Error('stream head upsert returned no row');
    const first = head - indexes.length + 1;
    ranges.push([recipient, first, head]);
    indexes.forEach((eventIndex, k) => {
      const event = recorded[eventIndex]!;
      event.deliveries.push({ recipient, offset: first + k });
      streamRows.push({ recipient, offset: first + k, eventId: event.eventId });
    });
  }
  // Independent of each other: sent together (the notice goes out at commit whatever the order).
  await Promise.all([
    tx.insert(streamEvents).values(streamRows),
    runProjectors(tx, recorded),
    notifyOutbox(tx, { ids: [rows[0]!.id, rows.at(-1)!.id], at: Date.now(), streams: ranges }),
  ]);
  return recorded;
}

/** One event; see `recordEvents` — use that when a transaction records several. */
export async function recordEvent(tx: Db, event: NewDomainEvent): Promise<RecordedEvent> {
  const [recorded] = await recordEvents(tx, [event]);
  if (recorded) return recorded;
  const [row] = await tx
    .insert(domainEvents)
    .values({ type: event.type, payload: event.payload, actorId: event.actorId })
    .returning({ id: domainEvents.id, at: domainEvents.at });
  if (!row) throw new Error('domain event insert returned no row');
  await notifyOutbox(tx, { ids: [row.id, row.id], at: Date.now(), streams: [] });
  return {
    eventId: row.id,
    type: event.type,
    payload: event.payload as Record<string, unknown>,
    at: row.at,
    deliveries: [],
  };
}
