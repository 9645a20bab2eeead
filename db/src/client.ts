import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type the repositories take: postgres.js and PGlite both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbDriver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Db;
  driver: DbDriver;
  /** Round-trip time of a trivial query in ms; throws when the database is unreachable. */
  ping(): Promise<number>;
  /**
   * Subscribes to a notification channel (PostgreSQL LISTEN; PGlite's in-process equivalent). Resolves
   * once listening. On PostgreSQL the subscription has a connection of its own that is re-established
   * whenever it drops; notifications sent while it was down are lost, so `onListen` — called on every
   * (re)subscription, the first included — is where the caller catches up from the tables.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>;
  /**
   * Connections of their own for one task that must not wait behind the request pool (the outbox
   * tail): on PostgreSQL a separate pool of `max` connections, closed with the handle; on PGlite,
   * which has one connection, the same `db`.
   */
  dedicated(name: string, max: number): Db;
  close(): Promise<void>;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onListen(): void;
  /** The subscription dropped (PostgreSQL only); it is being re-established. */
  onLost?(): void;
}

export interface Listener {
  stop(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data folder, or `memory://` for a throw-away in-memory database. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (the server always does). */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url
    ? openPostgres(options.url, options.maxConnections ?? 10)
    : await openPglite(options.dataDir);
  if (options.migrate ?? true) await handle.migrate();
  return handle;
}

function openPostgres(url: string, max: number): DatabaseHandle & { migrate(): Promise<void> } {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'lastmeter' } });
  const db = drizzlePostgres(preparing(client), { schema }) as unknown as Db;
  const others: postgres.Sql[] = [];
  return {
    db,
    driver: 'postgres',
    ping: () => timed(db),
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    dedicated(name, size) {
      const own = postgres(url, {
        max: size,
        onnotice: () => {},
        connection: { application_name: `lastmeter-${name}` },
      });
      others.push(own);
      return drizzlePostgres(preparing(own), { schema }) as unknown as Db;
    },
    close: async () => {
      await Promise.all([client, ...others].map((c) => c.end({ timeout: 5 })));
    },
    async migrate() {
      // Several server nodes may start together; the advisory lock lets one migrate at a time.
      const [lock] = await client`select pg_advisory_lock(727272) as locked`;
      try {
        await migratePostgres(drizzlePostgres(client), { migrationsFolder });
      } finally {
        if (lock) await client`select pg_advisory_unlock(727272)`;
      }
    },
  };
}

/**
 * Every parameterised query as a named prepared statement, cached per connection. drizzle asks
 * postgres.js for unnamed statements, and postgres.js sends an unnamed statement with parameters in
 * two round trips — Parse/Describe, wait for the parameter types, then Bind/Execute — where a
 * prepared one, once seen on that connection, takes one. A use case of 30 statements (an emergency
 * insertion, docs/operations.md "Database") spent half its time on those extra round trips.
 * Statements without parameters still go by the simple protocol (several statements in one string
 * keep working). The cache lives as long as its connection (postgres.js recycles connections after
 * 30–60 minutes); behind a pooler in transaction mode set `PGBOUNCER`-style pooling aside or use
 * session mode, as for any prepared statements.
 */
function preparing<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe')
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      // A transaction's and a savepoint's own connection handle prepares too.
      if (property === 'begin' || property === 'savepoint')
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => unknown).apply(
            target,
            args.map((a) =>
              typeof a === 'function'
                ? (inner: postgres.TransactionSql) =>
                    (a as (s: postgres.TransactionSql) => unknown)(preparing(inner))
                : a,
            ),
          );
      return value.bind(target);
    },
  });
}

async function openPglite(
  dataDir: string | undefined,
): Promise<DatabaseHandle & { migrate(): Promise<void> }> {
  const dir = dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({ dataDir: dir, extensions: { btree_gist } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    ping: () => timed(db),
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, (payload) => handlers.onNotify(payload));
      handlers.onListen();
      return { stop: () => unlisten() };
    },
    dedicated: () => db,
    close: () => client.close(),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
  };
}

/** Longest wait between two attempts to re-subscribe a dropped listener connection. */
const MAX_LISTEN_BACKOFF_MS = 5_000;

/**
 * LISTEN on a connection of its own. postgres.js's `sql.listen` re-subscribes after a drop too, but
 * gives up silently when the first attempt fails (the database restarting): this one retries with
 * backoff until it is stopped.
 */
function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<Listener> {
  let state: 'connecting' | 'listening' | 'waiting' | 'stopped' = 'connecting';
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let first: { resolve(): void } | undefined;
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'lastmeter-listener' },
    onnotify: (name: string, payload: string) => {
      if (name === channel) handlers.onNotify(payload);
    },
    onclose: () => {
      // Closing while connecting is the failing attempt's to retry.
      if (state !== 'listening') return;
      handlers.onLost?.();
      subscribe();
    },
  };
  // `onnotify` is an option postgres.js supports but does not declare.
  const client = postgres(url, options as postgres.Options<Record<string, never>>);
  const subscribe = () => {
    state = 'connecting';
    client.unsafe(`listen "${channel.replace(/"/g, '""')}"`).then(
      () => {
        if (state === 'stopped') return;
        state = 'listening';
        attempt = 0;
        handlers.onListen();
        first?.resolve();
        first = undefined;
      },
      () => {
        if (state === 'stopped') return;
        state = 'waiting';
        retry = setTimeout(subscribe, Math.min(MAX_LISTEN_BACKOFF_MS, 100 * 2 ** attempt++));
      },
    );
  };
  const listener: Listener = {
    async stop() {
      state = 'stopped';
      clearTimeout(retry);
      first?.resolve();
      await client.end({ timeout: 1 });
    },
  };
  return new Promise((resolve) => {
    first = { resolve: () => resolve(listener) };
    subscribe();
  });
}

async function timed(db: Db): Promise<number> {
  const started = performance.now();
  await db.execute(sql`select 1`);
  return performance.now() - started;
}

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
