import type { AnyRoute } from '../../route.ts';
import { acceptJobRoute } from './accept-job.ts';
import { arriveAtDropoffRoute } from './arrive-at-dropoff.ts';
import { assignLegRoute } from './assign-leg.ts';
import { boardReturnRoute } from './board-return.ts';
import { cancelLegRoute } from './cancel-leg.ts';
import { confirmArrivalRoute } from './confirm-arrival.ts';
import { confirmBackRoute } from './confirm-back.ts';
import { confirmOutRoute } from './confirm-out.ts';
import { createRoundTripRoute } from './create-round-trip.ts';
import { declineJobRoute } from './decline-job.ts';
import { departForPickupRoute } from './depart-for-pickup.ts';
import { finishTreatmentRoute } from './finish-treatment.ts';
import { getGateScheduleRoute } from './get-gate-schedule.ts';
import { getLegRoute } from './get-leg.ts';
import { insertTripRoute } from './insert-trip.ts';
import { listDistrictLegsRoute } from './list-district-legs.ts';
import { listExpectedArrivalsRoute } from './list-expected-arrivals.ts';
import { listIncidentsRoute } from './list-incidents.ts';
import { listMyJobsRoute } from './list-my-jobs.ts';
import { listReturnPickupsRoute } from './list-return-pickups.ts';
import { planDistrictDayRoute } from './plan-district-day.ts';
import { reachPickupRoute } from './reach-pickup.ts';
import { reportBreakdownRoute } from './report-breakdown.ts';
import { reportNoShowRoute } from './report-no-show.ts';
import { reportRefusalRoute } from './report-refusal.ts';
import { resolveIncidentRoute } from './resolve-incident.ts';
import { suggestVehiclesRoute } from './suggest-vehicles.ts';
import { unassignLegRoute } from './unassign-leg.ts';

/** Round trips and legs: planning, booking, every lifecycle step, the parties' lists, incidents. */
export const tripRoutes: AnyRoute[] = [
  createRoundTripRoute,
  planDistrictDayRoute,
  insertTripRoute,
  getLegRoute,
  suggestVehiclesRoute,
  assignLegRoute,
  unassignLegRoute,
  cancelLegRoute,
  acceptJobRoute,
  declineJobRoute,
  departForPickupRoute,
  reachPickupRoute,
  boardReturnRoute,
  arriveAtDropoffRoute,
  reportNoShowRoute,
  reportRefusalRoute,
  confirmOutRoute,
  confirmBackRoute,
  confirmArrivalRoute,
  finishTreatmentRoute,
  listMyJobsRoute,
  getGateScheduleRoute,
  listExpectedArrivalsRoute,
  listReturnPickupsRoute,
  listDistrictLegsRoute,
  listIncidentsRoute,
  resolveIncidentRoute,
  reportBreakdownRoute,
];
