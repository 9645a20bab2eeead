import { onlineVisits, requests, trips } from '@lastmeter/db';
import type { ChooseWayBody, RequestView } from '@lastmeter/shared';
import { and, eq, ne } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordEvents } from '../events/record-event.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { refuseWayFor } from './care-ways-of-request.ts';
import { loadRequestFor } from './load-request.ts';
import { presentRequest } from './present-request.ts';
import { requestEvent } from './request-event.ts';

/** A request's way can change only while nothing serves it yet. */
export const WAY_OPEN_STATUSES = ['open', 'matched', 'unserved'] as const;

/**
 * The gatekeeper or dispatcher chooses how a request is served — a trip, an online visit, a delivery —
 * within what the need allows (shared/src/care-ways.ts: dialysis never online). Only while nothing is
 * booked for it: a round trip or a live online visit must be cancelled first.
 */
export async function chooseWayOfService(
  use: Acting & { requestId: string; input: ChooseWayBody },
): Promise<RequestView> {
  const { db, actor, requestId, input } = use;
  const loaded = await loadRequestFor(db, actor, requestId, 'write', 'choose_way');
  const { request, patient, districtId, need } = loaded;
  const refusal = refuseWayFor(input.serveBy, request, need);
  if (refusal) throw errors.fieldCode('body.serveBy', refusal);
  if (!(WAY_OPEN_STATUSES as readonly string[]).includes(request.status))
    throw errors.invalidTransition(request.status, input.serveBy, WAY_OPEN_STATUSES);

  return db.transaction(async (tx) => {
    const [trip] = await tx.select({ id: trips.id }).from(trips).where(eq(trips.requestId, requestId));
    if (trip) throw errors.conflict('The request already has a round trip', { tripId: trip.id });
    const [visit] = await tx
      .select({ id: onlineVisits.id })
      .from(onlineVisits)
      .where(and(eq(onlineVisits.requestId, requestId), ne(onlineVisits.status, 'cancelled')));
    if (visit) throw errors.conflict('The request already has an online visit', { visitId: visit.id });
    if (input.serveBy === request.serveBy) return presentRequest(actor, request, patient, need);
    const [row] = await tx
      .update(requests)
      // A reason found for the other way (no hospital, window passed) no longer holds.
      .set({ serveBy: input.serveBy, status: 'open', matchReason: null })
      .where(eq(requests.id, requestId))
      .returning();
    if (!row) throw errors.internal();
    await recordAudit(tx, {
      actor,
      action: 'choose_way',
      entity: 'patient',
      entityId: patient.id,
      outcome: 'allowed',
      detail: { requestId, serveBy: input.serveBy, previous: request.serveBy },
    });
    await recordEvents(tx, [
      requestEvent(
        'request.way_changed',
        {
          requestId,
          patientId: patient.id,
          compoundId: patient.compoundId,
          date: row.date,
          serveBy: row.serveBy,
          previous: request.serveBy,
        },
        { districtId, actorId: actor.accountId },
      ),
    ]);
    return presentRequest(actor, row, patient, need);
  });
}
