import { Health } from '@lastmeter/shared';
import { checkHealth } from '../../../domain/system/check-health.ts';
import { defineRoute } from '../../route.ts';

export const healthRoute = defineRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and database reachability',
  tags: ['system'],
  auth: 'public',
  success: {
    status: 200,
    description: 'Health report (503 when the database is unreachable)',
    schema: Health,
  },
  async handler({ app, res }) {
    const health = await checkHealth(app);
    if (!health.database.reachable) res.status(503).json(health);
    return health;
  },
});
