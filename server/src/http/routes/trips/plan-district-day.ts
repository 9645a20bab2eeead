import { DistrictParams, PlanDayBody, PlanDayResult } from '@lastmeter/shared';
import { planDistrictDay } from '../../../domain/trips/plan-district-day.ts';
import { timePlannerRun } from '../../../observability/metrics.ts';
import { defineRoute } from '../../route.ts';

export const planDistrictDayRoute = defineRoute({
  method: 'post',
  path: '/api/v1/districts/:districtId/plan',
  summary: "Plan a district's day with the planner and commit every assignment in one transaction (dispatch)",
  tags: ['trips'],
  auth: 'session',
  params: DistrictParams,
  body: PlanDayBody,
  success: { status: 200, description: 'Served and unserved legs, with reasons', schema: PlanDayResult },
  handler: ({ actor, app, params, body }) =>
    timePlannerRun(app.metrics, () =>
      planDistrictDay({
        db: app.db,
        now: app.clock.now(),
        timeZone: app.config.timeZone,
        actor,
        districtId: params.districtId,
        input: body,
      }),
    ),
});
