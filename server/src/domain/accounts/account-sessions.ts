import { type Db, sessions } from '@lastmeter/db';
import { and, eq, isNull, ne } from 'drizzle-orm';

/** Revokes every open session of an account (but `keep`); returns their ids so the caller drops their sockets. */
export async function revokeSessionsOf(tx: Db, accountId: string, keep?: string): Promise<string[]> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        keep ? ne(sessions.id, keep) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return revoked.map((s) => s.id);
}
