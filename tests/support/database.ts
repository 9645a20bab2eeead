import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/**
 * A database of its own for each test file: a fresh PostgreSQL database when DATABASE_URL is set
 * (CI), otherwise an in-memory PGlite. Real databases, never mocks.
 */
export interface TestDatabase {
  url: string | undefined;
  dataDir: string | undefined;
  drop(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/** `persistent`: on PGlite, a temporary folder instead of memory, so the data outlives a server restart. */
export async function createTestDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base && options.persistent) {
    const dataDir = mkdtempSync(join(tmpdir(), 'lm-test-'));
    return { url: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!base) return { url: undefined, dataDir: 'memory://', drop: async () => {} };
  const name = `lm_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: undefined,
    async drop() {
      const client = postgres(base, { max: 1, onnotice: () => {} });
      await client.unsafe(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
