import type { Db } from '@lastmeter/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * The notification channel every server node listens on. `recordEvents` sends one notice per call
 * inside the recording transaction; PostgreSQL delivers it only at commit (never on rollback), to
 * every node at once, so a committed event reaches the sockets without anyone publishing it.
 */
export const OUTBOX_CHANNEL = 'lm_events';

/** Streams per notice: keeps a notice well under PostgreSQL's 8000-byte payload limit. */
const STREAMS_PER_NOTICE = 60;

const noticeSchema = z.object({
  /** First and last `domain_events.id` the transaction recorded in this call. */
  ids: z.tuple([z.number().int(), z.number().int()]),
  /** When the events were recorded (epoch ms, the recording node's clock): delivery lag is measured from it. */
  at: z.number(),
  /** Per recipient stream: the offsets `from … to` (inclusive) the call appended. */
  streams: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
});
export type OutboxNotice = z.infer<typeof noticeSchema>;

/** Sends the notices of one `recordEvents` call; inside a transaction they go out at commit. */
export async function notifyOutbox(tx: Db, notice: OutboxNotice): Promise<void> {
  const chunks: OutboxNotice[] = [];
  for (let i = 0; i === 0 || i < notice.streams.length; i += STREAMS_PER_NOTICE) {
    chunks.push({ ...notice, streams: notice.streams.slice(i, i + STREAMS_PER_NOTICE) });
  }
  for (const chunk of chunks) {
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${JSON.stringify(chunk)})`);
  }
}

/** The notice in a notification payload, or null when it is not one (never throws). */
export function parseOutboxNotice(payload: string): OutboxNotice | null {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
