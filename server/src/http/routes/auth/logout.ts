import { logout } from '../../../domain/auth/logout.ts';
import { SESSION_COOKIE } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';

export const logoutRoute = defineRoute({
  method: 'post',
  path: '/api/v1/auth/logout',
  summary: 'Sign out: revokes the session at once and closes its live connections',
  tags: ['auth'],
  auth: 'session',
  duringPasswordChange: true,
  success: { status: 204, description: 'Signed out' },
  async handler({ actor, app, res }) {
    await logout({ db: app.db, actor });
    app.disconnectSession(actor.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  },
});
