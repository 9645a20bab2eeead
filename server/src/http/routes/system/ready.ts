import { Readiness } from '@lastmeter/shared';
import { checkReadiness } from '../../../domain/system/check-readiness.ts';
import { defineRoute } from '../../route.ts';

export const readyRoute = defineRoute({
  method: 'get',
  path: '/api/ready',
  summary: 'Readiness: whether this node should receive traffic',
  tags: ['system'],
  auth: 'public',
  success: {
    status: 200,
    description:
      'Ready: database reachable with this build’s migrations, Redis reachable when configured, not draining (503 with the same body otherwise)',
    schema: Readiness,
  },
  async handler({ app, res }) {
    const readiness = await checkReadiness(app, app.node);
    if (!readiness.ready) res.status(503).json(readiness);
    return readiness;
  },
});
