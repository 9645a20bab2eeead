import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { JobResult, PlannerJob } from './jobs.ts';
import type { JobMessage, WorkerReply } from './worker.ts';

/**
 * Workers run the TypeScript sources through tsx, like the server itself (`tsx src/main.ts`, vitest,
 * `node --import tsx`). On Node 20 tsx's loader registers its hooks in the main thread only, so
 * each worker registers them itself before importing its entry module.
 */
function bootstrap(): string {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const entry = new URL('./worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

interface Pending {
  readonly job: PlannerJob;
  readonly threads: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Running {
  readonly workers: Worker[];
  result: unknown;
  failure: Error | null;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The default team size: the machine's cores. */
export const defaultThreads = (): number => availableParallelism();

/**
 * A small pool of planner threads. A job takes as many idle workers as it has threads (created on
 * demand, up to `maxWorkers`) and gives them back when done; jobs that do not fit wait in order,
 * but a smaller job may start ahead of a larger one when enough workers are free — so a one-thread
 * re-plan never waits behind a day plan while a spare worker idles. Idle workers do not keep the
 * process alive.
 */
export class PlannerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<number, Running>();
  private readonly jobOf = new Map<Worker, number>();
  /** Workers created (starting, idle or busy). */
  private spawned = 0;
  /** Workers still loading: a job waits for them, so its budget is spent searching, not starting. */
  private starting = 0;
  private nextId = 1;
  private closed = false;
  private readonly code = bootstrap();

  constructor(readonly maxWorkers: number = defaultThreads() + 1) {}

  /** Runs a job on `threads` cooperating threads (at most `maxWorkers`). */
  run<J extends PlannerJob>(job: J, threads: number = defaultThreads()): Promise<JobResult<J>> {
    if (this.closed) return Promise.reject(new Error('planner pool is closed'));
    const n = Math.max(1, Math.min(Math.floor(threads), this.maxWorkers));
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ job, threads: n, resolve, reject });
      this.dispatch();
    }) as Promise<JobResult<J>>;
  }

  /** Starts workers ahead of the first job (a benchmark should not time their start-up). */
  warm(count: number = this.maxWorkers): void {
    while (this.spawned < Math.min(count, this.maxWorkers)) this.spawn();
  }

  /** Resolves once `count` workers are started and idle (or the pool is as full as it gets). */
  ready(count: number = this.maxWorkers): Promise<void> {
    this.warm(count);
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.closed || this.idle.length >= Math.min(count, this.maxWorkers) || this.starting === 0)
          resolve();
        else setTimeout(check, 20);
      };
      check();
    });
  }

  /** Stops every worker; running and queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('planner pool is closed');
    for (const p of this.queue.splice(0)) p.reject(error);
    for (const run of this.running.values()) run.reject(error);
    this.running.clear();
    const all = [...this.idle.splice(0), ...this.jobOf.keys()];
    this.jobOf.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(this.code, { eval: true, name: 'planner' });
    this.spawned++;
    this.starting++;
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        this.starting--;
        if (this.closed) return;
        this.idle.push(worker);
        this.dispatch();
      } else this.onReply(worker, reply);
    });
    worker.on('error', (error) => this.onCrash(worker, error));
    worker.on('exit', (code) => {
      if (this.jobOf.has(worker)) this.onCrash(worker, new Error(`planner worker exited with code ${code}`));
    });
  }

  private dispatch(): void {
    for (let q = 0; q < this.queue.length; ) {
      const pending = this.queue[q]!;
      if (pending.threads <= this.idle.length) {
        this.queue.splice(q, 1);
        this.start(pending, this.idle.splice(this.idle.length - pending.threads));
        continue;
      }
      // Start what it lacks (they join `idle` when loaded and dispatch again).
      const lacking = pending.threads - this.idle.length - this.starting;
      if (lacking > 0 && this.spawned + lacking <= this.maxWorkers)
        for (let k = 0; k < lacking; k++) this.spawn();
      q++;
    }
  }

  private start(pending: Pending, workers: Worker[]): void {
    const id = this.nextId++;
    const n = workers.length;
    const ports: (MessagePort | null)[][] = workers.map(() => workers.map(() => null));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const { port1, port2 } = new MessageChannel();
        ports[i]![j] = port1;
        ports[j]![i] = port2;
      }
    const signal = new SharedArrayBuffer(4 * n);
    const startedAt = performance.timeOrigin + performance.now();
    this.running.set(id, {
      workers,
      result: null,
      failure: null,
      resolve: pending.resolve,
      reject: pending.reject,
    });
    workers.forEach((worker, index) => {
      this.jobOf.set(worker, id);
      worker.ref();
      const message: JobMessage = { id, job: pending.job, index, ports: ports[index]!, signal, startedAt };
      worker.postMessage(
        message,
        ports[index]!.filter((p): p is MessagePort => p !== null),
      );
    });
  }

  private onReply(worker: Worker, reply: Exclude<WorkerReply, { ready: true }>): void {
    const run = this.running.get(reply.id);
    this.jobOf.delete(worker);
    worker.unref();
    if (!run) return;
    if (reply.ok) {
      if (reply.result !== null) run.result = reply.result;
    } else if (!run.failure) {
      run.failure = Object.assign(new Error(reply.message), reply.stack ? { stack: reply.stack } : {});
      // The others may be blocked waiting for the failed thread's next report: stop them.
      for (const w of run.workers) if (w !== worker && this.jobOf.get(w) === reply.id) this.retire(w);
    }
    if (!this.closed) this.idle.push(worker);
    this.finish(reply.id, run);
  }

  private onCrash(worker: Worker, error: Error): void {
    const id = this.jobOf.get(worker);
    if (id === undefined && !this.idle.includes(worker)) {
      // Died while loading: nothing of ours ran there; a queued job gets a clear error.
      this.starting--;
      this.spawned--;
      worker.removeAllListeners();
      this.queue.shift()?.reject(error);
      this.dispatch();
      return;
    }
    this.retire(worker);
    const run = id === undefined ? undefined : this.running.get(id);
    if (id === undefined || !run) return;
    run.failure ??= error;
    for (const w of run.workers) if (this.jobOf.get(w) === id) this.retire(w);
    this.finish(id, run);
  }

  /** Takes a worker out of the pool for good (crashed, or stuck behind a failed peer). */
  private retire(worker: Worker): void {
    this.jobOf.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.spawned--;
    worker.removeAllListeners();
    void worker.terminate();
  }

  private finish(id: number, run: Running): void {
    if (!run.workers.some((w) => this.jobOf.get(w) === id) && this.running.has(id)) {
      this.running.delete(id);
      if (run.failure) run.reject(run.failure);
      else run.resolve(run.result);
    }
    this.dispatch();
  }
}
