import {
  type CareWaysInput,
  careWaysFor,
  type NeedKind,
  needKindOfService,
  refuseWayOfService,
  type Service,
  type Urgency,
  type WayOfService,
  type WayRefusal,
} from '@lastmeter/shared';

/** What the rule of the three ways needs to know of a request and the need it serves (if any). */
export function careWaysInputOf(
  request: { service: Service; urgency: Urgency; date: string },
  need: { kind: NeedKind; schedule: Record<string, unknown> } | null,
): CareWaysInput {
  const dueDate = need?.kind === 'pregnancy' ? need.schedule.dueDate : undefined;
  return {
    kind: need?.kind ?? needKindOfService(request.service),
    urgency: request.urgency,
    dueDate: typeof dueDate === 'string' ? dueDate : null,
    date: request.date,
  };
}

export function allowedWaysOf(
  request: { service: Service; urgency: Urgency; date: string },
  need: { kind: NeedKind; schedule: Record<string, unknown> } | null,
): readonly WayOfService[] {
  return careWaysFor(careWaysInputOf(request, need)).allowed;
}

export function refuseWayFor(
  way: WayOfService,
  request: { service: Service; urgency: Urgency; date: string },
  need: { kind: NeedKind; schedule: Record<string, unknown> } | null,
): WayRefusal | null {
  return refuseWayOfService(way, careWaysInputOf(request, need));
}
