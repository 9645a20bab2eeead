import type { PlanInput } from '@lastmeter/shared/planner.ts';
import { type DarpOutput, parseCordeau, toDarpOutput } from '../darp/cordeau.ts';
import { buildProblem, parseInput } from '../domain/build.ts';
import { type Plan, solveProblem } from '../domain/plan.ts';
import {
  createSnapshotTravelModel,
  createTurfTravelModel,
  type TravelSnapshot,
  type TravelTimeModel,
  type TurfTravelOptions,
} from '../domain/travel.ts';
import { type SearchStats, search, type Team } from '../engine/alns.ts';

/**
 * How a planner thread gets its travel times: the turf estimate rebuilt from its options (memoised
 * per thread), or the matrices over the plan's points taken from the server's model (a routing engine).
 */
export type JobTravel =
  | { readonly kind: 'turf'; readonly options: TurfTravelOptions }
  | { readonly kind: 'snapshot'; readonly snapshot: TravelSnapshot };

/** Plan a day (`planDay` in threads): the input and its travel times (the default turf model if absent). */
export interface PlanJob {
  readonly kind: 'plan';
  readonly input: PlanInput;
  readonly travel?: JobTravel;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly seed?: number;
}

/** Solve a Cordeau benchmark instance given as the text of its file. */
export interface DarpJob {
  readonly kind: 'darp';
  readonly name: string;
  readonly text: string;
  readonly timeLimitMs: number;
  readonly maxIterations?: number;
  readonly seed: number;
}

export type PlannerJob = PlanJob | DarpJob;

export interface DarpResult {
  readonly output: DarpOutput;
  readonly unserved: number;
  readonly stats: SearchStats;
}

export type JobResult<J extends PlannerJob> = J extends PlanJob ? Plan : DarpResult;

/** Where one thread of a job stands: its team, and the shared clock its budget counts from. */
export interface ThreadContext {
  readonly team?: Team;
  readonly startedAt?: number;
  readonly clock?: () => number;
}

/** Thread i searches with its own seed; thread 0 with the job's, so one thread plans as `planDay` does. */
export const threadSeed = (seed: number, index: number): number => seed + 7919 * index;

const travelModels = new Map<string, TravelTimeModel>();
/** One memoised turf model per options in each thread: its distances are reused job after job. */
function travelModel(travel: JobTravel | undefined): TravelTimeModel {
  if (travel?.kind === 'snapshot') return createSnapshotTravelModel(travel.snapshot);
  const options = travel?.options;
  const key = JSON.stringify(options ?? null);
  let model = travelModels.get(key);
  if (!model) {
    model = options ? createTurfTravelModel(options) : createTurfTravelModel();
    travelModels.set(key, model);
  }
  return model;
}

/** Runs one thread's share of a job; every thread of the team returns the team's best. */
export function runJob(job: PlannerJob, ctx: ThreadContext): Plan | DarpResult {
  const index = ctx.team?.index ?? 0;
  const shared = {
    ...(ctx.team ? { team: ctx.team } : {}),
    ...(ctx.startedAt !== undefined ? { startedAt: ctx.startedAt } : {}),
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(job.maxIterations !== undefined ? { maxIterations: job.maxIterations } : {}),
  };
  switch (job.kind) {
    case 'plan': {
      const problem = buildProblem(parseInput(job.input), travelModel(job.travel));
      return solveProblem(problem, {
        ...shared,
        ...(job.timeLimitMs !== undefined ? { timeLimitMs: job.timeLimitMs } : {}),
        seed: threadSeed(job.seed ?? 1, index),
      });
    }
    case 'darp': {
      const ci = parseCordeau(job.name, job.text);
      const { best, stats } = search(ci.instance, {
        ...shared,
        timeLimitMs: job.timeLimitMs,
        seed: threadSeed(job.seed, index),
      });
      return { output: toDarpOutput(ci, best), unserved: best.unserved.length, stats };
    }
  }
}
