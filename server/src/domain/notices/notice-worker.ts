import { type Db, noticeAttempts, noticeSettings, notices } from '@lastmeter/db';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Logger } from '../../logger.ts';
import type { NoticeProvider, SendResult } from './notice-provider.ts';
import { SendPace } from './send-pace.ts';
import { MAX_ATTEMPTS, nextSendableAt, retryDelayMs } from './send-window.ts';

/** The longest a round waits for the provider's pace before putting the rest of its notices back. */
const MAX_PACE_WAIT_MS = 2_000;

/**
 * Kinds that wait for the end of the household's quiet hours; live ones (the car is coming) never do.
 * An online visit's booking, new time or cancellation is never that urgent.
 */
const QUIET_KINDS = new Set([
  'evening_before',
  'return_booked',
  'visit_booked',
  'visit_changed',
  'visit_cancelled',
]);

export interface NoticeWorkerOptions {
  db: Db;
  provider: NoticeProvider;
  logger: Logger;
  timeZone: string;
  /** Notices handed to the provider at once. */
  concurrency?: number;
  /** How long a claim holds: a worker that dies mid-send leaves its notices claimable after this. */
  leaseMs?: number;
  pollMs?: number;
}

export interface NoticeWorker {
  /** One claim–send–record round; resolves with the number of notices it handled. */
  runOnce(now?: Date): Promise<number>;
  start(): void;
  /** Finishes the round in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Sends the outbox. Each round claims due notices with `FOR UPDATE SKIP LOCKED` and a lease, so any
 * number of workers on any number of nodes share the work and a crashed one loses nothing: its
 * claims lapse and are taken again (the provider may see a notice twice; our id is its idempotency
 * key). Every attempt is recorded; failures back off exponentially until MAX_ATTEMPTS.
 */
export function createNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const { db, provider, logger, timeZone } = options;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const pace = new SendPace();
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function claim(now: Date) {
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: notices.id })
        .from(notices)
        .where(
          and(
            inArray(notices.status, ['queued', 'failed']),
            lte(notices.nextAttemptAt, now),
            or(isNull(notices.leaseUntil), lt(notices.leaseUntil, now)),
          ),
        )
        .orderBy(asc(notices.nextAttemptAt))
        .limit(concurrency * 4)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(notices)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(
          inArray(
            notices.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
  }

  async function runOnce(now = new Date()): Promise<number> {
    const claimed = await claim(now);
    if (claimed.length === 0) return 0;
    const settings = await db
      .select()
      .from(noticeSettings)
      .where(inArray(noticeSettings.patientId, [...new Set(claimed.map((n) => n.patientId))]));
    const quiet = new Map(settings.map((s) => [s.patientId, s]));
    type Row = (typeof claimed)[number];
    const deferred: Array<{ id: string; at: Date }> = [];
    const tooLate: string[] = [];
    const toSend: Row[] = [];
    for (const notice of claimed) {
      const s = quiet.get(notice.patientId);
      const at = QUIET_KINDS.has(notice.kind)
        ? nextSendableAt(now, s?.quietStart ?? '21:30', s?.quietEnd ?? '07:00', timeZone)
        : now;
      if (notice.kind === 'evening_before' && pickupPassed(notice.params.pickupAt, at))
        tooLate.push(notice.id);
      else if (at > now) deferred.push({ id: notice.id, at });
      else toSend.push(notice);
    }
    const results: Array<{ notice: Row; result: SendResult; at: Date }> = [];
    // The round's clock: the wall clock, or ahead of it when a caller steps time forward (tests).
    const offset = Math.max(0, now.getTime() - Date.now());
    const clock = () => Date.now() + offset;
    // Sends wait for the provider's pace (send-pace.ts), but never so long that the round outlives
    // half its lease (another worker would take the notices again): what cannot go now is put back.
    const roundEnds = clock() + Math.min(MAX_PACE_WAIT_MS, leaseMs / 2);
    let resumeAt: number | null = null;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, toSend.length) }, async () => {
        while (next < toSend.length && resumeAt === null) {
          const wait = pace.reserve(clock());
          if (wait > 0 && clock() + wait > roundEnds) {
            resumeAt = clock() + wait;
            break;
          }
          const notice = toSend[next++] as Row;
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const result = await provider
            .send({
              reference: notice.id,
              to: notice.phone,
              kind: notice.kind,
              body: notice.body,
              params: notice.params,
            })
            .catch(
              (error: unknown): SendResult => ({
                outcome: 'failed',
                detail: error instanceof Error ? error.name : 'error',
              }),
            );
          if (result.outcome === 'rate_limited') pace.refused(clock(), result.retryAfterSeconds);
          else pace.accepted();
          // A caller stepping time forward (tests) is ahead of the wall clock; otherwise the wall clock.
          results.push({ notice, result, at: new Date(Math.max(Date.now(), now.getTime())) });
        }
      }),
    );
    if (resumeAt !== null)
      for (const notice of toSend.slice(next)) deferred.push({ id: notice.id, at: new Date(resumeAt) });
    // A round's outcomes are recorded in one transaction and one round trip: the statements need
    // nothing from each other, so they go to the database together (a round of 128 notices waited
    // for 128 updates one after the other).
    await db.transaction(async (tx) => {
      const byTime = new Map<number, string[]>();
      for (const { id, at } of deferred) byTime.set(at.getTime(), [...(byTime.get(at.getTime()) ?? []), id]);
      const writes: Array<PromiseLike<unknown>> = [
        ...[...byTime].map(([at, ids]) =>
          tx
            .update(notices)
            .set({ nextAttemptAt: new Date(at), leaseUntil: null })
            .where(inArray(notices.id, ids)),
        ),
        ...results.map(({ notice, result, at }) =>
          tx
            .update(notices)
            .set(outcomeOf(notice.attempts + 1, result, at))
            .where(eq(notices.id, notice.id)),
        ),
      ];
      if (tooLate.length)
        writes.push(
          tx
            .update(notices)
            .set({ status: 'skipped', lastError: 'too_late', leaseUntil: null })
            .where(inArray(notices.id, tooLate)),
        );
      if (results.length)
        writes.push(
          tx.insert(noticeAttempts).values(
            results.map(({ notice, result, at }) => ({
              noticeId: notice.id,
              at,
              outcome: result.outcome,
              provider: provider.name,
              detail: result.outcome === 'sent' ? (result.providerMessageId ?? '') : result.detail,
            })),
          ),
        );
      await Promise.all(writes);
    });
    // A 429 is the provider asking for a slower pace (send-pace.ts follows it), not a failed notice:
    // it is counted apart so that a warning means messages that did not go.
    const tally = { sent: 0, failed: 0, rejected: 0, rateLimited: 0 };
    for (const { result } of results)
      if (result.outcome === 'rate_limited') tally.rateLimited++;
      else tally[result.outcome]++;
    if (tally.failed + tally.rejected > 0)
      logger.warn({ provider: provider.name, ...tally }, 'notice attempts failed');
    else if (tally.rateLimited > 0)
      logger.info(
        { provider: provider.name, ...tally, perSecond: pace.perSecond },
        'provider rate limit reached',
      );
    return claimed.length;
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          const handled = await runOnce().catch((err: unknown) => {
            logger.error({ err }, 'notice worker round failed');
            return 0;
          });
          if (handled === 0 && running)
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, pollMs);
            });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

/**
 * An evening notice that could only go out once its pickup time has come (queued late, then held by
 * the household's quiet hours) would announce a car already at the gate: the live notices say that.
 */
function pickupPassed(pickupAt: string | undefined, sendAt: Date): boolean {
  return Boolean(pickupAt) && Date.parse(pickupAt ?? '') <= sendAt.getTime();
}

function outcomeOf(attempts: number, result: SendResult, at: Date): Partial<typeof notices.$inferInsert> {
  switch (result.outcome) {
    case 'sent':
      return {
        status: 'sent',
        attempts,
        sentAt: at,
        leaseUntil: null,
        lastError: null,
        providerMessageId: result.providerMessageId,
      };
    case 'rejected':
      return { status: 'given_up', attempts, leaseUntil: null, lastError: result.detail };
    case 'rate_limited':
      // The provider asking us to slow down is not the notice's fault: no attempt used, no backoff
      // beyond what it asks for.
      return {
        status: 'failed',
        attempts: attempts - 1,
        leaseUntil: null,
        lastError: result.detail,
        nextAttemptAt: new Date(at.getTime() + (result.retryAfterSeconds ?? 1) * 1000),
      };
    case 'failed':
      if (attempts >= MAX_ATTEMPTS)
        return { status: 'given_up', attempts, leaseUntil: null, lastError: result.detail };
      return {
        status: 'failed',
        attempts,
        leaseUntil: null,
        lastError: result.detail,
        nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)),
      };
    default:
      return exhaustive(result);
  }
}
