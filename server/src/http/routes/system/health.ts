import { Health } from '@lastmeter/shared';
import { checkHealth } from '../../../domain/system/check-health.ts';
import { defineRoute } from '../../route.ts';

export const healthRoute = defineRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness: the process answers (database reachability reported, not required)',
  tags: ['system'],
  auth: 'public',
  success: {
    status: 200,
    description:
      'The process is alive. A database outage shows as `degraded` but stays 200: restarting every node would not bring the database back. Whether to send traffic is /api/ready.',
    schema: Health,
  },
  handler: ({ app }) => checkHealth(app),
});
