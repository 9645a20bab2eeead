import { LoginBody, LoginResult } from '@lastmeter/shared';
import { login } from '../../../domain/auth/login.ts';
import { presentMe } from '../../../domain/auth/present-me.ts';
import { clientIp, SESSION_COOKIE } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';

export const loginRoute = defineRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  summary: 'Sign in with username and password; opens a session (cookie and bearer token)',
  tags: ['auth'],
  auth: 'public',
  body: LoginBody,
  success: { status: 200, description: 'Signed in', schema: LoginResult },
  async handler({ body, app, req, res }) {
    const result = await login({
      db: app.db,
      username: body.username,
      password: body.password,
      ip: clientIp(req),
      userAgent: req.get('user-agent') ?? '',
      maxSessionSeconds: app.config.sessionMaxSeconds,
    });
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      expires: result.actor.sessionExpiresAt,
    });
    return { token: result.token, me: presentMe(result.actor, app.config.sessionIdleSeconds) };
  },
});
