import { onlineVisits, requests } from '@lastmeter/db';
import { cityDateOf, type OnlineVisitView, type RescheduleOnlineVisitBody } from '@lastmeter/shared';
import { and, eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { LEAD_MINUTES } from './book-online-visit.ts';
import { loadVisitFor } from './load-online-visit.ts';
import { onlineSlotsOf, takeFreePlace } from './online-places.ts';
import { onlineVisitEvent, presentOnlineVisit } from './present-online-visit.ts';

const MINUTE = 60_000;

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
  const { db, actor, visitId, input, now, timeZone } = use;
  const loaded = await loadVisitFor(db, actor, visitId, 'write', 'reschedule_online_visit');
  const { visit, request } = loaded;
  if (visit.status !== 'booked') throw errors.invalidTransition(visit.status, 'booked', ['booked']);
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
    const [row] = await tx
      .update(onlineVisits)
      .set({
        date,
        slotStart: slot.startTime,
        startsAt: new Date(place.startsAt),
        endsAt: new Date(place.endsAt),
        updatedAt: now,
      })
      .where(and(eq(onlineVisits.id, visitId), eq(onlineVisits.status, 'booked')))
      .returning();
    if (!row) throw errors.invalidTransition('changed', 'booked', ['booked']);
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
    await recordAudit(tx, {
      actor,
      action: 'reschedule_online_visit',
      entity: 'patient',
      entityId: visit.patientId,
      outcome: 'allowed',
      detail: { visitId, from: visit.startsAt.toISOString(), to: row.startsAt.toISOString() },
    });
    const next = { ...loaded, visit: row, request: movedRequest ?? request };
    await recordEvents(tx, [
      onlineVisitEvent('online_visit.rescheduled', next, actor.accountId, {
        previousStartsAt: visit.startsAt.toISOString(),
      }),
    ]);
    return presentOnlineVisit(actor, next);
  });
}
