import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '@lastmeter/db';

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
  const scratch = await createScratchDatabase(base, 'lm_test');
  return { url: scratch.url, dataDir: undefined, drop: scratch.drop };
}
