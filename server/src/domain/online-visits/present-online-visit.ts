import { type EventPayload, type OnlineVisitView, rooms } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import type { NewDomainEvent } from '../events/record-event.ts';
import { maskName } from '../mask-identity.ts';
import { seesFullName } from '../patients/present-patient.ts';
import type { LoadedVisit } from './load-online-visit.ts';

/**
 * The join link is the visit's whole authority: only those who pass it on (the compound's gatekeeper)
 * and hold the visit (the hospital desk) get it.
 */
function seesJoinLink(actor: Actor, v: LoadedVisit): boolean {
  return (
    seesFullName(actor, v.patient.compoundId) ||
    (actor.role === 'hospital' && actor.hospitalId === v.visit.hospitalId)
  );
}

export function presentOnlineVisit(actor: Actor, v: LoadedVisit): OnlineVisitView {
  return {
    id: v.visit.id,
    requestId: v.visit.requestId,
    patientId: v.visit.patientId,
    patientName: seesFullName(actor, v.patient.compoundId) ? v.patient.name : maskName(v.patient.name),
    compoundId: v.patient.compoundId,
    hospitalId: v.visit.hospitalId,
    hospitalName: v.hospital.name,
    hospitalPhone: v.hospital.phone,
    service: v.visit.service,
    date: v.visit.date,
    startsAt: v.visit.startsAt.toISOString(),
    endsAt: v.visit.endsAt.toISOString(),
    status: v.visit.status,
    joinPath: seesJoinLink(actor, v) ? `/v/${v.visit.joinToken}` : null,
    matchReason: v.request.matchReason ?? null,
    note: v.visit.note,
    startedAt: v.visit.startedAt?.toISOString() ?? null,
    endedAt: v.visit.endedAt?.toISOString() ?? null,
    followUpRequestId: v.visit.followUpRequestId,
  };
}

export type VisitEventType =
  | 'online_visit.booked'
  | 'online_visit.rescheduled'
  | 'online_visit.cancelled'
  | 'online_visit.started'
  | 'online_visit.ended';

/** An online visit's event to its hospital, district and compound: where and when, never who. */
export function onlineVisitEvent(
  type: VisitEventType,
  v: Pick<LoadedVisit, 'visit' | 'districtId'> & { patient: { compoundId: string } },
  actorId: string,
  extra: { previousStartsAt?: string } = {},
): NewDomainEvent {
  const payload: EventPayload<VisitEventType> = {
    visitId: v.visit.id,
    requestId: v.visit.requestId,
    compoundId: v.patient.compoundId,
    hospitalId: v.visit.hospitalId,
    date: v.visit.date,
    service: v.visit.service,
    status: v.visit.status,
    startsAt: v.visit.startsAt.toISOString(),
    endsAt: v.visit.endsAt.toISOString(),
    followUpRequestId: v.visit.followUpRequestId,
    ...extra,
  };
  return {
    type,
    payload,
    actorId,
    recipients: [
      rooms.hospital(v.visit.hospitalId),
      rooms.district(v.districtId),
      rooms.compound(v.patient.compoundId),
    ],
  };
}
