import type { Db } from '@lastmeter/db';
import { DEFAULT_TIME_ZONE } from '@lastmeter/shared';
import type { RecordedEvent } from '../events/record-event.ts';
import {
  enqueueNotices,
  lastToldPickup,
  loadNoticeTrips,
  type NoticeRequest,
  writeNotices,
} from './enqueue-notices.ts';
import { type LegFacts, legFacts, noticeFor } from './notice-rules.ts';
import { type VisitNoticeDecision, visitNoticeFor, visitNoticeItems } from './visit-notices.ts';

/** The city's time zone for the times written into notices; set once at start-up from the config. */
let noticeTimeZone = DEFAULT_TIME_ZONE;
/** Where the family opens a join link (PUBLIC_URL); unset: notices carry the link's path. */
let noticeLinkOrigin: string | null = null;
export function setNoticeContext({
  timeZone,
  publicUrl,
}: {
  timeZone: string;
  publicUrl?: string | undefined;
}) {
  noticeTimeZone = timeZone;
  noticeLinkOrigin = publicUrl ?? null;
}

/**
 * Writes the household's notices for the leg and online-visit events of a transaction into the outbox, in that same
 * transaction (a projector, put in place by `server/src/projections.ts`): a notice exists exactly when
 * the change it reports does. The worker sends it after commit.
 */
export async function projectNotices(tx: Db, events: RecordedEvent[]): Promise<void> {
  const facts = new Map<string, LegFacts>();
  const visits: VisitNoticeDecision[] = [];
  // The last event of a leg in the transaction says where it ended up.
  for (const event of events) {
    const leg = legFacts(event.type, event.payload);
    if (leg) facts.set(leg.legId, leg);
    const visit = visitNoticeFor(event.type, event.payload);
    if (visit) visits.push(visit);
  }
  if (visits.length > 0)
    await writeNotices(
      tx,
      await visitNoticeItems(tx, visits, { timeZone: noticeTimeZone, linkOrigin: noticeLinkOrigin }),
    );
  if (facts.size === 0) return;
  const legsList = [...facts.values()];
  const schedulable = legsList.filter((l) => l.direction === 'outbound' && l.plannedPickupAt);
  const told = await lastToldPickup(tx, [...new Set(schedulable.map((l) => l.tripId))]);
  const decisions = legsList.flatMap((leg) => {
    const decision = noticeFor(leg, told.get(leg.tripId));
    return decision ? [{ leg, decision }] : [];
  });
  if (decisions.length === 0) return;
  const trips = await loadNoticeTrips(tx, [...new Set(decisions.map((d) => d.leg.tripId))]);
  const requests: NoticeRequest[] = decisions.flatMap(({ leg, decision }) => {
    const trip = trips.get(leg.tripId);
    return trip ? [{ trip, kind: decision.kind, key: decision.key }] : [];
  });
  await enqueueNotices(tx, requests, noticeTimeZone);
}
