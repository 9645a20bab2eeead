import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { accounts, openDatabase } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { hashPassword } from '../domain/auth/password.ts';

/**
 * `pnpm admin:create --username NAME [--display-name TEXT]` makes the first admin of a real
 * deployment (no demo data there). The password comes from LASTMETER_ADMIN_PASSWORD or a prompt,
 * never from the command line, where it would land in shell history.
 */
const { values } = parseArgs({
  options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
});
const username = values.username?.trim();
if (!username || !/^[a-z0-9_.-]{3,64}$/i.test(username)) {
  process.stderr.write('Usage: pnpm admin:create --username NAME  (3–64 letters, digits, _ . -)\n');
  process.exit(2);
}

let password = process.env.LASTMETER_ADMIN_PASSWORD ?? '';
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (at least 10 characters): ');
  rl.close();
}
if (password.length < 10) {
  process.stderr.write('The password must have at least 10 characters.\n');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const [existing] = await database.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.username, username));
  if (existing) {
    process.stderr.write(`An account named ${username} already exists.\n`);
    process.exitCode = 1;
  } else {
    await database.db.insert(accounts).values({
      username,
      passwordHash: await hashPassword(password),
      role: 'admin',
      displayName: values['display-name'] ?? username,
    });
    process.stdout.write(`Admin ${username} created on ${database.driver}.\n`);
  }
} finally {
  await database.close();
}
