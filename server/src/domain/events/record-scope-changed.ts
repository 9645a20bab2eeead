import { type Db, streamHeads } from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import { inArray } from 'drizzle-orm';
import { loadActor } from '../auth/load-actor.ts';
import { recordEvents } from './record-event.ts';
import { streamsOf } from './streams-of.ts';

/** The event type that moves an account's open sockets to its new scope. */
export const ACCOUNT_SCOPE_CHANGED = 'account.scope_changed';

/** Only the scope is read: no session is made or checked. */
const NO_SESSION = { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(0) };

/**
 * Records, inside the transaction that changed them, that these accounts' scopes changed (compounds,
 * districts, vehicle, hospital, role) or that they can no longer sign in (deactivated). Every server
 * node, on delivering it to the `account:<id>` stream, reloads the account and moves its open sockets
 * out of the old rooms and streams and into the new ones at once; a socket whose account can no longer
 * act is told `session:ended { reason: 'deactivated' }` and disconnected (server/src/realtime/
 * socket-server.ts). The payload carries the heads of the account's streams as this transaction sees
 * them: a stream a socket joins replays from there, so an event committed after the change but before
 * the join is not lost (an offset above a head read here can only commit after it). Call it after the
 * scope's own writes. Clients reload what they show.
 */
export async function recordScopeChanged(
  tx: Db,
  accountIds: string | readonly string[],
  actorId: string | null,
): Promise<void> {
  const ids = [...new Set(typeof accountIds === 'string' ? [accountIds] : accountIds)];
  const scopes = await Promise.all(
    ids.map(async (accountId) => {
      const actor = await loadActor(tx, accountId, NO_SESSION, '');
      return { accountId, streams: actor ? streamsOf(actor) : [] };
    }),
  );
  const streams = [...new Set(scopes.flatMap((s) => s.streams))];
  const rows = streams.length
    ? await tx.select().from(streamHeads).where(inArray(streamHeads.recipient, streams))
    : [];
  const head = new Map(rows.map((r) => [r.recipient, Number(r.head)]));
  await recordEvents(
    tx,
    scopes.map(({ accountId, streams }) => ({
      type: ACCOUNT_SCOPE_CHANGED,
      payload: { accountId, heads: Object.fromEntries(streams.map((s) => [s, head.get(s) ?? 0])) },
      actorId,
      recipients: [rooms.account(accountId)],
    })),
  );
}
