import { type MessagePort, parentPort } from 'node:worker_threads';
import { type PlannerJob, runJob } from './jobs.ts';
import { portTeam } from './team.ts';

/** What the pool sends a worker: its part in one job. */
export interface JobMessage {
  readonly id: number;
  readonly job: PlannerJob;
  readonly index: number;
  /** A port to every other thread of the job (null at this thread's own index). */
  readonly ports: (MessagePort | null)[];
  readonly signal: SharedArrayBuffer;
  /** `performance.timeOrigin + performance.now()` in the pool's thread when the job was sent. */
  readonly startedAt: number;
}

export type WorkerReply =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly stack?: string };

// Epoch milliseconds from a monotonic clock: comparable across the threads of one process.
const clock = (): number => performance.timeOrigin + performance.now();

parentPort?.on('message', (msg: JobMessage) => {
  let reply: WorkerReply;
  try {
    const team =
      msg.ports.length > 1 ? portTeam(msg.index, msg.ports, new Int32Array(msg.signal)) : undefined;
    const result = runJob(msg.job, { ...(team ? { team } : {}), startedAt: msg.startedAt, clock });
    // Every thread ends with the team's best; one copy back is enough.
    reply = { id: msg.id, ok: true, result: msg.index === 0 ? result : null };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id: msg.id, ok: false, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  } finally {
    for (const port of msg.ports) port?.close();
  }
  parentPort?.postMessage(reply);
});

// Loaded and compiled: jobs sent from now on start searching at once.
parentPort?.postMessage({ ready: true } satisfies WorkerReply);
