import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ScratchDatabase {
  /** The new database's URL: `base` with another database name. */
  url: string;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database on the server `base` points at, for one test file or one
 * benchmark run (tests/support/database.ts, the benchmarks under server/src): nothing they write
 * meets anyone else's data, and `drop` leaves the server as it was.
 */
export async function createScratchDatabase(base: string, prefix = 'lm_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await client.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
