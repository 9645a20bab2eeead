import type { Db } from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import { recordEvents } from './record-event.ts';

/** The event type that moves an account's open sockets to its new scope. */
export const ACCOUNT_SCOPE_CHANGED = 'account.scope_changed';

/**
 * Records, inside the transaction that changed them, that these accounts' scopes changed (compounds,
 * districts, vehicle, hospital, role) or that they can no longer sign in (deactivated). Every server
 * node, on delivering it to the `account:<id>` stream, reloads the account and moves its open sockets
 * out of the old rooms and streams and into the new ones at once; a socket whose account can no longer
 * act is told `session:ended { reason: 'deactivated' }` and disconnected (server/src/realtime/
 * socket-server.ts). The payload is `{ accountId }`: clients reload what they show.
 */
export async function recordScopeChanged(
  tx: Db,
  accountIds: string | readonly string[],
  actorId: string | null,
): Promise<void> {
  const ids = [...new Set(typeof accountIds === 'string' ? [accountIds] : accountIds)];
  await recordEvents(
    tx,
    ids.map((accountId) => ({
      type: ACCOUNT_SCOPE_CHANGED,
      payload: { accountId },
      actorId,
      recipients: [rooms.account(accountId)],
    })),
  );
}
