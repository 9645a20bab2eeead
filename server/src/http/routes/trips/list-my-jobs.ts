import { LegView } from '@lastmeter/shared';
import { z } from 'zod';
import { listMyJobs } from '../../../domain/trips/list-my-jobs.ts';
import { defineRoute } from '../../route.ts';

export const listMyJobsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/me/jobs',
  summary: "The current and upcoming jobs of the driver's vehicle, in driving order (driver)",
  tags: ['trips'],
  auth: 'session',
  success: { status: 200, description: 'Jobs', schema: z.array(LegView) },
  handler: ({ actor, app }) => listMyJobs({ db: app.db, actor }),
});
