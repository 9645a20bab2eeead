import { randomUUID } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';

export const SESSION_COOKIE = 'lm_session';

/** The session token from the httpOnly cookie (browsers) or a bearer header (API clients). */
export function tokenFromHeaders(
  cookieHeader: string | undefined,
  authorization: string | undefined,
): string | null {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim() || null;
  if (!cookieHeader) return null;
  return parseCookie(cookieHeader)[SESSION_COOKIE] ?? null;
}

export function requestLocale(req: Request): 'zh-CN' | 'en' {
  const preferred = req.acceptsLanguages('zh-CN', 'zh', 'en');
  return preferred === 'en' ? 'en' : 'zh-CN';
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The caller's request id when it is a plain token (a proxy's `$request_id`), else a fresh one. */
export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}
