import { careNeeds, compounds, type Db, onlineVisits, patients, requests } from '@lastmeter/db';
import { PlanReason } from '@lastmeter/shared';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { bookLoadedRequest } from './book-online-visit.ts';

/**
 * "Plan the day" books every request of the district's day served online that has no visit yet, as
 * the gatekeeper would one by one; a request no hospital can see online is reported with the reason
 * (and stays `unserved`). The caller has authorized dispatch of the district.
 */
export async function bookMissingOnlineVisits(
  db: Db,
  {
    actor,
    districtId,
    date,
    now,
    timeZone,
  }: { actor: Actor; districtId: string; date: string; now: Date; timeZone: string },
): Promise<{ booked: number; unmatched: Array<{ requestId: string; reason: z.infer<typeof PlanReason> }> }> {
  const rows = await db
    .select({
      request: requests,
      patient: patients,
      districtId: compounds.districtId,
      needKind: careNeeds.kind,
      needSchedule: careNeeds.schedule,
      needServeBy: careNeeds.serveBy,
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(compounds, eq(compounds.id, patients.compoundId))
    .leftJoin(careNeeds, eq(careNeeds.id, requests.needId))
    .leftJoin(
      onlineVisits,
      and(eq(onlineVisits.requestId, requests.id), ne(onlineVisits.status, 'cancelled')),
    )
    .where(
      and(
        eq(compounds.districtId, districtId),
        eq(requests.date, date),
        eq(requests.serveBy, 'online_visit'),
        inArray(requests.status, ['open', 'matched']),
        isNull(onlineVisits.id),
      ),
    )
    .orderBy(asc(requests.windowEnd), asc(requests.id));
  const result: Awaited<ReturnType<typeof bookMissingOnlineVisits>> = { booked: 0, unmatched: [] };
  for (const row of rows) {
    try {
      await bookLoadedRequest(db, {
        actor,
        loaded: {
          request: row.request,
          patient: row.patient,
          districtId: row.districtId,
          need: row.needKind
            ? { kind: row.needKind, schedule: row.needSchedule ?? {}, serveBy: row.needServeBy ?? null }
            : null,
        },
        now,
        timeZone,
      });
      result.booked++;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const reason = PlanReason.safeParse(error.extra.reason);
      result.unmatched.push({
        requestId: row.request.id,
        reason: reason.success ? reason.data : { code: error.code, params: {} },
      });
    }
  }
  return result;
}
