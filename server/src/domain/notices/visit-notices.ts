import { type Db, hospitals, onlineVisits } from '@lastmeter/db';
import { cityClockOf, type NoticeKind } from '@lastmeter/shared';
import { eq, inArray } from 'drizzle-orm';
import type { NoticeItem } from './enqueue-notices.ts';
import { joinNoticeRecipients, noticeRecipientColumns } from './notice-recipients.ts';

/** The online-visit events a household hears about, and the notice each calls for. */
const VISIT_NOTICE_KINDS: Readonly<Record<string, NoticeKind>> = {
  'online_visit.booked': 'visit_booked',
  'online_visit.rescheduled': 'visit_changed',
  'online_visit.cancelled': 'visit_cancelled',
};

export interface VisitNoticeDecision {
  visitId: string;
  kind: NoticeKind;
  /** A booking and a cancellation are told once; each new time once. */
  key: string;
}

/** Which notice an online-visit event calls for, if any. */
export function visitNoticeFor(type: string, payload: Record<string, unknown>): VisitNoticeDecision | null {
  const kind = VISIT_NOTICE_KINDS[type];
  const { visitId, startsAt } = payload;
  if (!kind || typeof visitId !== 'string') return null;
  return { visitId, kind, key: kind === 'visit_changed' && typeof startsAt === 'string' ? startsAt : kind };
}

/**
 * The notices for online-visit decisions: the day, the time, the hospital and the join link — the
 * link is the visit's whole authority, so only the household (and the gate that passes it on) gets it.
 * `linkOrigin` makes the link absolute (PUBLIC_URL); without it the notice carries the path.
 */
export async function visitNoticeItems(
  db: Db,
  decisions: VisitNoticeDecision[],
  { timeZone, linkOrigin }: { timeZone: string; linkOrigin: string | null },
): Promise<NoticeItem[]> {
  if (decisions.length === 0) return [];
  const rows = await joinNoticeRecipients(
    db
      .select({
        visitId: onlineVisits.id,
        date: onlineVisits.date,
        startsAt: onlineVisits.startsAt,
        joinToken: onlineVisits.joinToken,
        hospital: hospitals.name,
        hospitalPhone: hospitals.phone,
        ...noticeRecipientColumns,
      })
      .from(onlineVisits)
      .innerJoin(hospitals, eq(hospitals.id, onlineVisits.hospitalId))
      .$dynamic(),
    onlineVisits.patientId,
  ).where(inArray(onlineVisits.id, [...new Set(decisions.map((d) => d.visitId))]));
  const byId = new Map(rows.map((r) => [r.visitId, r]));
  return decisions.flatMap((d) => {
    const v = byId.get(d.visitId);
    if (!v) return [];
    const path = `/v/${v.joinToken}`;
    return [
      {
        household: {
          patientId: v.patientId,
          phone: v.phone,
          hasConsent: v.consent !== null,
          compoundId: v.compoundId,
          districtId: v.districtId,
          optedOut: v.optedOut ?? false,
          familyPhone: v.familyPhone ?? null,
        },
        about: { onlineVisitId: v.visitId },
        kind: d.kind,
        key: d.key,
        params: {
          date: v.date,
          visitTime: cityClockOf(v.startsAt, timeZone),
          visitAt: v.startsAt.toISOString(),
          hospital: v.hospital,
          hospitalPhone: v.hospitalPhone,
          joinLink: linkOrigin ? `${linkOrigin.replace(/\/+$/, '')}${path}` : path,
        },
      },
    ];
  });
}
