import type { PlanInput } from '@lastmeter/shared/planner.ts';
import type { Plan } from '../domain/plan.ts';
import type { TurfTravelOptions } from '../domain/travel.ts';
import { defaultThreads, PlannerPool } from './pool.ts';

export interface RunPlannerArgs {
  readonly input: PlanInput;
  /** Options of the turf travel model (the default model when absent). */
  readonly travel?: TurfTravelOptions;
  /** Wall-clock budget, counted from the call (default 2 s). */
  readonly timeLimitMs?: number;
  /** Iterations per thread; with it a seed gives the same plan on any machine. */
  readonly maxIterations?: number;
  readonly seed?: number;
  /** Cooperating search threads (default: the machine's cores). */
  readonly threads?: number;
}

let pool: PlannerPool | null = null;
let users = 0;

/**
 * `planDay` off the event loop: the search runs in worker threads (a shared pool, started on first
 * use), so the server keeps answering and pushing while a plan runs.
 */
export function runPlanner(args: RunPlannerArgs): Promise<Plan> {
  pool ??= new PlannerPool();
  const { threads, ...job } = args;
  return pool.run({ kind: 'plan', ...job }, threads ?? defaultThreads());
}

/** A server that will plan: the pool lives until the last one that opened it closes it. */
export function openPlanner(): void {
  users++;
}

/** Stops the planner threads once no server uses them any more. */
export async function closePlanner(): Promise<void> {
  users = Math.max(0, users - 1);
  if (users > 0 || !pool) return;
  const closing = pool;
  pool = null;
  await closing.close();
}
