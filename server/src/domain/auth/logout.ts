import { type Db, sessions } from '@lastmeter/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../actor.ts';

/** Revokes the actor's session at once; the caller also drops its live sockets. */
export async function logout({ db, actor }: { db: Db; actor: Actor }): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
}
