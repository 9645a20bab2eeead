import { type Db, sessions } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { loadActor } from './load-actor.ts';
import { hashSessionToken } from './session-token.ts';

export interface AuthenticateOptions {
  db: Db;
  token: string;
  ip: string;
  idleSeconds: number;
  now?: Date;
}

// Writing last_seen_at on every request would turn each read into a write; a minute's precision is plenty.
const TOUCH_EVERY_MS = 60_000;

/** Resolves a session token to its actor, enforcing revocation, idle timeout and absolute expiry. */
export async function authenticate(options: AuthenticateOptions): Promise<Actor> {
  const now = options.now ?? new Date();
  const [session] = await options.db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, hashSessionToken(options.token)));
  if (!session || session.revokedAt) throw errors.unauthenticated();
  const idleDeadline = session.lastSeenAt.getTime() + options.idleSeconds * 1000;
  if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleDeadline) {
    throw errors.sessionExpired();
  }
  const actor = await loadActor(options.db, session.accountId, session, options.ip);
  if (!actor) throw errors.unauthenticated();
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await options.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return actor;
}
