import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder, queryRows } from '@lastmeter/db';
import type { Readiness } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';
import type { AppContext, NodeState } from '../../app-context.ts';

/** The migrations this build ships: the last one's timestamp is what the database must have reached. */
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ when: number }>;
};
const expected = journal.entries.length;
const lastWhen = Math.max(...journal.entries.map((e) => e.when));

/**
 * Whether this node should receive traffic: the database answers and carries this build's migrations,
 * Redis answers (when configured), the node tails the outbox, and it is not draining. Never throws: a failed check is a
 * `false` with its reason.
 */
export async function checkReadiness(app: AppContext, node: NodeState): Promise<Readiness> {
  const [database, migrations, redis, delivery] = await Promise.all([
    attempt(() => app.ping()),
    attempt(async () => {
      // drizzle's migrator records each applied migration with its journal timestamp (`created_at`).
      const [row] = await queryRows<{ applied: number | string; last: number | string | null }>(
        app.db,
        sql`select count(*) as applied, max(created_at) as last from drizzle.__drizzle_migrations`,
      );
      return { applied: Number(row?.applied ?? 0), last: Number(row?.last ?? 0) };
    }),
    node.pingRedis ? attempt(node.pingRedis) : Promise.resolve({ ok: true as const, value: null }),
    attempt(() => app.deliveryStats()),
  ]);
  // The public sees a fixed reason; the operator's log has the error itself.
  for (const [name, result] of Object.entries({ database, migrations, redis, delivery })) {
    if (!result.ok) app.logger.warn({ check: name, err: result.detail }, 'readiness check failed');
  }
  const migrationsOk = migrations.ok && migrations.value.last >= lastWhen;
  const checks: Readiness['checks'] = {
    database: database.ok ? { ok: true } : { ok: false, detail: 'unreachable' },
    migrations: {
      ok: migrationsOk,
      applied: migrations.ok ? migrations.value.applied : 0,
      expected,
      ...(migrationsOk
        ? {}
        : { detail: migrations.ok ? 'the database lacks migrations this build ships' : 'unreadable' }),
    },
    redis: {
      ok: redis.ok,
      configured: node.pingRedis !== null,
      ...(redis.ok ? {} : { detail: 'unreachable' }),
    },
    // A node whose outbox listener is down delivers nothing live (server/src/realtime/outbox-tail.ts).
    outbox:
      delivery.ok && delivery.value.listening
        ? { ok: true, backlog: delivery.value.backlog }
        : {
            ok: false,
            backlog: delivery.ok ? delivery.value.backlog : 0,
            detail: delivery.ok ? 'not listening' : 'unreadable',
          },
  };
  const allOk = checks.database.ok && checks.migrations.ok && checks.redis.ok && checks.outbox.ok;
  return { ready: allOk && !node.draining, draining: node.draining, checks, sockets: node.sockets };
}

type Attempt<T> = { ok: true; value: T } | { ok: false; detail: string };

async function attempt<T>(check: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await check() };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
