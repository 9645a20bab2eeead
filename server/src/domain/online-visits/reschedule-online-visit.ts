import { requests } from '@lastmeter/db';
import { cityDateOf, type OnlineVisitView, type RescheduleOnlineVisitBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { LEAD_MINUTES } from './book-online-visit.ts';
import { onlineSlotsOf, takeFreePlace } from './online-places.ts';
import { changeVisit, loadVisitToStep, recordVisitStep, type VisitStepRule } from './step-online-visit.ts';

const MINUTE = 60_000;
const RESCHEDULE: VisitStepRule = {
  action: 'reschedule_online_visit',
  access: 'write',
  from: 'booked',
  to: 'booked',
};

/**
 * The gatekeeper, dispatch or the hospital desk moves a booked online visit: to the first free place
 * from the time asked, in the same hospital's online slot of its service that holds that time (the
 * doctor who knows the patient stays; another hospital means cancel and book again). The visit keeps
 * its join link; its request moves with it, so the day's figures count it on its new day. The
 * household is told the new time (`visit_changed`, docs/realtime.md "Projectors").
 */
export async function rescheduleOnlineVisit(
  use: UseCase & { visitId: string; input: RescheduleOnlineVisitBody },
): Promise<OnlineVisitView> {
  const { db, input, now, timeZone } = use;
  const loaded = await loadVisitToStep(use, RESCHEDULE);
  const { visit, request } = loaded;
  const wanted = new Date(input.startsAt).getTime();
  const notBefore = now.getTime() + LEAD_MINUTES * MINUTE;
  if (wanted < notBefore)
    throw errors.fieldCode('body.startsAt', 'visit_too_soon', { minutes: LEAD_MINUTES });
  const date = cityDateOf(wanted, timeZone);
  const slot = (await onlineSlotsOf(db, visit.hospitalId, date, visit.service, timeZone)).find(
    (s) => s.start <= wanted && wanted < s.end,
  );
  if (!slot) throw errors.fieldCode('body.startsAt', 'no_online_slot');

  return db.transaction(async (tx) => {
    const place = await takeFreePlace(tx, {
      hospitalId: visit.hospitalId,
      service: visit.service,
      slot,
      notBefore: [wanted],
      exceptVisitId: visit.id,
    });
    if (!place)
      throw errors.conflict('The online slot has no free place left from that time', {
        reason: { code: 'no_capacity', params: { service: visit.service } },
      });
    const row = await changeVisit(tx, loaded, RESCHEDULE, {
      date,
      slotStart: slot.startTime,
      startsAt: new Date(place.startsAt),
      endsAt: new Date(place.endsAt),
      updatedAt: now,
    });
    // The appointment moves by as much as the visit did; the request's day is the visit's.
    const shift = place.startsAt - visit.startsAt.getTime();
    const [movedRequest] = await tx
      .update(requests)
      .set({
        date,
        windowStart: new Date(request.windowStart.getTime() + shift),
        windowEnd: new Date(request.windowEnd.getTime() + shift),
      })
      .where(eq(requests.id, request.id))
      .returning();
    return recordVisitStep(tx, use, RESCHEDULE, {
      next: { ...loaded, visit: row, request: movedRequest ?? request },
      event: 'online_visit.rescheduled',
      detail: { from: visit.startsAt.toISOString(), to: row.startsAt.toISOString() },
      extra: { previousStartsAt: visit.startsAt.toISOString() },
    });
  });
}
