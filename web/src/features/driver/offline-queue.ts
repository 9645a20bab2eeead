import { type DeclineBody, type LegStepBody, LegView, type RefusalBody } from '@lastmeter/shared';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { ApiError, api, NetworkError } from '../../lib/api.ts';
import { DRIVER_STEPS, type DriverStep, statusAfter } from './steps.ts';

/**
 * Step reports that could not reach the server yet, kept in localStorage so a dropped connection, a
 * tunnel or a reload loses nothing. They are sent strictly in order: a later step never overtakes an
 * earlier one of the same job.
 */
const STORAGE_KEY = 'lastmeter.driver.queue.v1';

const QueuedStep = z.object({
  id: z.string(),
  legId: z.uuid(),
  step: z.enum(Object.keys(DRIVER_STEPS) as [DriverStep, ...DriverStep[]]),
  body: z.record(z.string(), z.unknown()),
  queuedAt: z.string(),
});
export type QueuedStep = z.infer<typeof QueuedStep>;

interface Rejected {
  step: QueuedStep;
  error: ApiError;
}

let queue: QueuedStep[] = load();
let rejected: Rejected[] = [];
let flushing = false;
const listeners = new Set<() => void>();
let snapshot = { queue, rejected, flushing };

function load(): QueuedStep[] {
  try {
    const parsed = z.array(QueuedStep).safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function changed(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
  } catch {
    // Storage full or disabled: the queue still works for this page's lifetime.
  }
  snapshot = { queue, rejected, flushing };
  for (const listener of listeners) listener();
}

export type StepBody = LegStepBody | DeclineBody | RefusalBody;

export function enqueueStep(legId: string, step: DriverStep, body: StepBody): QueuedStep {
  // The version the driver saw is the leg's before any queued step of theirs; those steps will bump it,
  // so a step queued behind them relies on the server's status check alone.
  const { version, ...rest } = body;
  const behindOthers = queue.some((queued) => queued.legId === legId);
  const item: QueuedStep = {
    id: crypto.randomUUID(),
    legId,
    step,
    body: behindOthers || version === undefined ? rest : { ...rest, version },
    queuedAt: new Date().toISOString(),
  };
  queue = [...queue, item];
  changed();
  return item;
}

export function dismissRejected(id: string): void {
  rejected = rejected.filter((entry) => entry.step.id !== id);
  changed();
}

const RefusalAnswer = z.object({ id: z.uuid() });

/** `legId:status` pairs this phone caused, so their echo over the socket does not ring as a change. */
const ownChanges = new Set<string>();

export function isOwnChange(legId: string, status: string): boolean {
  return ownChanges.has(`${legId}:${status}`);
}

/** The leg as the server now has it, or null when the answer is not a leg (a refusal opens an incident). */
async function send(item: QueuedStep): Promise<LegView | null> {
  ownChanges.add(`${item.legId}:${statusAfter(item.step)}`);
  const path = `/legs/${item.legId}/${DRIVER_STEPS[item.step].path}`;
  if (item.step === 'refuse') {
    await api.post(path, RefusalAnswer, item.body);
    return null;
  }
  return api.post(path, LegView, item.body);
}

/** Called once per settled step with the server's leg (null if refused or not a leg). */
export type OnSettled = (answer: LegView | null) => void;

/**
 * Sends queued steps oldest first. A network failure stops the run and keeps the rest for the next try;
 * an answer from the server (accepted or refused) settles the step either way — a refused one is shown
 * to the driver, since retrying it would get the same answer.
 */
export async function flushQueue(onSettled: OnSettled): Promise<void> {
  if (flushing || queue.length === 0) return;
  flushing = true;
  changed();
  try {
    while (queue.length > 0) {
      const [item] = queue;
      if (!item) break;
      let answer: LegView | null = null;
      try {
        answer = await send(item);
      } catch (error) {
        if (error instanceof NetworkError) break;
        if (error instanceof ApiError) {
          rejected = [...rejected, { step: item, error }];
        } else {
          break;
        }
      }
      // The answer goes into the page's data BEFORE the step leaves the queue: otherwise the screen
      // shows the leg's old status until the refetch lands, and a tap in that moment repeats the old step.
      onSettled(answer);
      queue = queue.slice(1);
      changed();
    }
  } finally {
    flushing = false;
    changed();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOfflineQueue() {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Retries the queue when the browser says it is online, when the socket reconnects, and every 15 s. */
export function useQueueFlusher(onSettled: OnSettled, trigger: unknown): void {
  const flush = useCallback(() => void flushQueue(onSettled), [onSettled]);
  useEffect(() => {
    flush();
    window.addEventListener('online', flush);
    const timer = window.setInterval(flush, 15_000);
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(timer);
    };
  }, [flush]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `trigger` (the connection state) is the reason to retry.
  useEffect(flush, [trigger, flush]);
}
