import { type Db, hospitals, onlineVisits } from '@lastmeter/db';
import type { OnlineVisitJoinView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';

/**
 * What the family sees behind the join link: with whom, when, and whether the doctor has started —
 * never who the patient is. The token is the link's whole authority; an unknown one is a 404.
 */
export async function viewJoinLink({ db, token }: { db: Db; token: string }): Promise<OnlineVisitJoinView> {
  const [row] = await db
    .select({
      hospitalName: hospitals.name,
      hospitalPhone: hospitals.phone,
      service: onlineVisits.service,
      startsAt: onlineVisits.startsAt,
      endsAt: onlineVisits.endsAt,
      status: onlineVisits.status,
    })
    .from(onlineVisits)
    .innerJoin(hospitals, eq(hospitals.id, onlineVisits.hospitalId))
    .where(eq(onlineVisits.joinToken, token));
  if (!row) throw errors.notFound('Online visit');
  return { ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
}
