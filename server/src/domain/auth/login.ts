import { accounts, type Db, loginAttempts, sessions } from '@lastmeter/db';
import { and, count, eq, gt } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { loadActor } from './load-actor.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashSessionToken, newSessionToken } from './session-token.ts';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

// Unknown usernames still cost one argon2 verification, so response time does not reveal which accounts exist.
const decoyHash = hashPassword('decoy-password-never-matches');

export interface LoginOptions {
  db: Db;
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  maxSessionSeconds: number;
  now?: Date;
}

export interface LoginResultInternal {
  token: string;
  actor: Actor;
}

/** Checks the password (after the throttle) and opens a server-side session. */
export async function login(options: LoginOptions): Promise<LoginResultInternal> {
  const { db, username, password, ip } = options;
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);

  const [failures] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.username, username),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, windowStart),
      ),
    );
  if ((failures?.n ?? 0) >= LOGIN_MAX_FAILURES) {
    throw errors.tooManyRequests(LOGIN_WINDOW_MINUTES * 60);
  }

  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  const ok =
    account && !account.disabledAt
      ? await verifyPassword(account.passwordHash, password)
      : (await verifyPassword(await decoyHash, password)) && false;
  await db.insert(loginAttempts).values({ username, succeeded: ok, ip, at: now });
  if (!ok || !account) throw errors.invalidCredentials();

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + options.maxSessionSeconds * 1000);
  const [session] = await db
    .insert(sessions)
    .values({
      tokenHash: hashSessionToken(token),
      accountId: account.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip,
      userAgent: options.userAgent.slice(0, 400),
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  const actor = session ? await loadActor(db, account.id, session, ip) : null;
  if (!actor) throw errors.invalidCredentials();
  return { token, actor };
}
