import type { PlanInput } from '@lastmeter/shared/planner.ts';
import { planPoints } from '../domain/build.ts';
import type { Plan } from '../domain/plan.ts';
import { snapshotTravel, type TravelTimeModel } from '../domain/travel.ts';
import type { JobTravel } from './jobs.ts';
import { defaultThreads, PlannerPool } from './pool.ts';

export interface RunPlannerArgs {
  readonly input: PlanInput;
  /** The server's travel model (the default turf model when absent). */
  readonly travel?: TravelTimeModel;
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
  const { threads, travel, ...job } = args;
  return pool.run(
    { kind: 'plan', ...job, ...(travel ? { travel: jobTravel(travel, args.input) } : {}) },
    threads ?? defaultThreads(),
  );
}

/** A turf model travels as its options; any other (a routing engine's) as its matrices over the plan's points. */
function jobTravel(model: TravelTimeModel, input: PlanInput): JobTravel {
  if (model.turf) return { kind: 'turf', options: model.turf };
  const kinds = [...new Set(input.vehicles.map((v) => v.kind))];
  return { kind: 'snapshot', snapshot: snapshotTravel(model, planPoints(input), kinds) };
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
