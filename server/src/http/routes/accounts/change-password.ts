import { ChangePasswordBody } from '@lastmeter/shared';
import { changePassword } from '../../../domain/accounts/change-password.ts';
import { defineRoute } from '../../route.ts';

export const changePasswordRoute = defineRoute({
  method: 'post',
  path: '/api/v1/auth/password',
  summary: 'Choose a new password (required after a reset); your other sessions end',
  tags: ['auth'],
  auth: 'session',
  duringPasswordChange: true,
  body: ChangePasswordBody,
  success: { status: 204, description: 'Changed' },
  async handler({ actor, app, body }) {
    const { revoked } = await changePassword({ db: app.db, actor, input: body });
    for (const sessionId of revoked) app.disconnectSession(sessionId);
  },
});
