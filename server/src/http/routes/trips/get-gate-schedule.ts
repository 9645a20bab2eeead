import { DayQuery, LegView } from '@lastmeter/shared';
import { z } from 'zod';
import { getGateSchedule } from '../../../domain/trips/get-gate-schedule.ts';
import { defineRoute } from '../../route.ts';

export const getGateScheduleRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/gate-schedule',
  summary: "A compound's gate schedule: who leaves and returns when, in which vehicle (gatekeeper, dispatch)",
  tags: ['trips'],
  auth: 'session',
  params: z.strictObject({ compoundId: z.uuid().meta({ description: 'The compound' }) }),
  query: DayQuery,
  success: { status: 200, description: 'Legs in time order at the gate', schema: z.array(LegView) },
  handler: ({ actor, app, params, query }) =>
    getGateSchedule({
      db: app.db,
      now: app.clock.now(),
      actor,
      compoundId: params.compoundId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});
