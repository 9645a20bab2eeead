import type { Db } from '@lastmeter/db';
import { compoundByToken } from './load-by-token.ts';

/** What the public form shows: the compound's name, nothing else about it. */
export async function getSelfRegistrationForm({
  db,
  token,
}: {
  db: Db;
  token: string;
}): Promise<{ compoundName: string }> {
  const compound = await compoundByToken(db, token);
  return { compoundName: compound.name };
}
