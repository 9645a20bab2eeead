import { Me } from '@lastmeter/shared';
import { presentMe } from '../../../domain/auth/present-me.ts';
import { defineRoute } from '../../route.ts';

export const meRoute = defineRoute({
  method: 'get',
  path: '/api/v1/auth/me',
  summary: 'The signed-in account, its role and scope',
  tags: ['auth'],
  auth: 'session',
  duringPasswordChange: true,
  success: { status: 200, description: 'The current account', schema: Me },
  async handler({ actor, app }) {
    return presentMe(actor, app.config.sessionIdleSeconds);
  },
});
