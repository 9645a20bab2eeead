import type { AnyRoute } from '../../route.ts';
import { acceptJobRoute } from '../trips/accept-job.ts';
import { arriveAtDropoffRoute } from '../trips/arrive-at-dropoff.ts';
import { assignLegRoute } from '../trips/assign-leg.ts';
import { boardReturnRoute } from '../trips/board-return.ts';
import { cancelLegRoute } from '../trips/cancel-leg.ts';
import { confirmArrivalRoute } from '../trips/confirm-arrival.ts';
import { confirmBackRoute } from '../trips/confirm-back.ts';
import { confirmOutRoute } from '../trips/confirm-out.ts';
import { createRoundTripRoute } from '../trips/create-round-trip.ts';
import { declineJobRoute } from '../trips/decline-job.ts';
import { departForPickupRoute } from '../trips/depart-for-pickup.ts';
import { finishTreatmentRoute } from '../trips/finish-treatment.ts';
import { getGateScheduleRoute } from '../trips/get-gate-schedule.ts';
import { getLegRoute } from '../trips/get-leg.ts';
import { insertTripRoute } from '../trips/insert-trip.ts';
import { listDistrictLegsRoute } from '../trips/list-district-legs.ts';
import { listExpectedArrivalsRoute } from '../trips/list-expected-arrivals.ts';
import { listIncidentsRoute } from '../trips/list-incidents.ts';
import { listMyJobsRoute } from '../trips/list-my-jobs.ts';
import { listReturnPickupsRoute } from '../trips/list-return-pickups.ts';
import { planDistrictDayRoute } from '../trips/plan-district-day.ts';
import { reachPickupRoute } from '../trips/reach-pickup.ts';
import { reportBreakdownRoute } from '../trips/report-breakdown.ts';
import { reportNoShowRoute } from '../trips/report-no-show.ts';
import { reportRefusalRoute } from '../trips/report-refusal.ts';
import { resolveIncidentRoute } from '../trips/resolve-incident.ts';
import { suggestVehiclesRoute } from '../trips/suggest-vehicles.ts';
import { unassignLegRoute } from '../trips/unassign-leg.ts';

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
