import { compounds, type Db } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';

export async function compoundByToken(db: Db, token: string) {
  const [row] = await db
    .select({ id: compounds.id, districtId: compounds.districtId, name: compounds.name })
    .from(compounds)
    .where(eq(compounds.selfRegistrationToken, token));
  if (!row) throw errors.notFound('Registration link');
  return row;
}
