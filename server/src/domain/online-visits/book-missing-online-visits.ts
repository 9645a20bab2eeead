import { compounds, onlineVisits, requests } from '@lastmeter/db';
import type { PlanReason } from '@lastmeter/shared';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { planRefusalReason } from '../plan-refusal.ts';
import { selectLoadedRequests, toLoadedRequest } from '../requests/load-request.ts';
import type { DistrictDay } from '../use-case.ts';
import { bookLoadedRequest } from './book-online-visit.ts';

/**
 * "Plan the day" books every request of the district's day served online that has no visit yet, as
 * the gatekeeper would one by one; a request no hospital can see online is reported with the reason
 * (and stays `unserved`). The caller has authorized dispatch of the district.
 */
export async function bookMissingOnlineVisits(
  day: DistrictDay,
): Promise<{ booked: number; unmatched: Array<{ requestId: string; reason: z.infer<typeof PlanReason> }> }> {
  const { db, actor, districtId, date, now, timeZone } = day;
  const rows = await selectLoadedRequests(db)
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
        loaded: toLoadedRequest(row),
        now,
        timeZone,
      });
      result.booked++;
    } catch (error) {
      result.unmatched.push({ requestId: row.request.id, reason: planRefusalReason(error) });
    }
  }
  return result;
}
