/**
 * Planner public API (pure; the only I/O is the optional OSRM adapter).
 *
 * - `matchHospitals` — 供需匹配: a hospital per request, each with a reason code.
 * - `planDay` — vehicles for every leg of every round trip under a time budget, on this thread
 *   (CLIs, tests); `runPlanner` — the same in worker threads, off the event loop (the server).
 * - `insertTrip`, `releaseReturn`, `cancelTrip`, `breakDownVehicle`, `replanAfterDelay` — online
 *   changes to a live plan that leave every other leg where it was.
 * - `resolveTravelModel`: `fetchOsrmTravelModel` when OSRM_URL is set, else `createTurfTravelModel`.
 * Reason codes and their zh-CN / English messages: `@lastmeter/shared/planner.ts`.
 */
export type {
  CareService,
  InfectionClass,
  LngLat,
  Locale,
  MatchHospital,
  MatchPolicy,
  MatchReasonCode,
  MatchRequest,
  Mobility,
  PlanDelivery,
  PlanInput,
  PlannerReasonCode,
  PlanPolicy,
  PlanTrip,
  PlanVehicle,
  Reason,
  RegularSkipCode,
  UnmatchedCode,
  UnservedCode,
  Urgency,
  VehicleKind,
} from '@lastmeter/shared/planner.ts';
export { formatPlannerReason } from '@lastmeter/shared/planner.ts';
export { deliveryLegId, needsAmbulance, outboundLegId, returnLegId } from './domain/build.ts';
export {
  type HospitalMatch,
  type MatchHospitalsOptions,
  matchHospitals,
  slotKey,
  type UnmatchedRequest,
} from './domain/matching.ts';
export {
  breakDownVehicle,
  cancelTrip,
  insertTrip,
  type LivePlan,
  releaseReturn,
  replanAfterDelay,
} from './domain/online.ts';
export { fetchOsrmTravelModel, type OsrmOptions, resolveTravelModel } from './domain/osrm.ts';
export {
  type Plan,
  type PlanOptions,
  type PlanRoute,
  type PlanStats,
  type PlanStop,
  planDay,
  type UnservedLeg,
} from './domain/plan.ts';
export {
  createMatrixTravelModel,
  createTurfTravelModel,
  defaultTurfTravel,
  type TravelTimeModel,
  type TurfTravelOptions,
} from './domain/travel.ts';
export { closePlanner, openPlanner, type RunPlannerArgs, runPlanner } from './threads/run-planner.ts';
