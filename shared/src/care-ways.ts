import { z } from 'zod';
import {
  type NeedKind,
  type RequestStatus,
  type Service,
  type Urgency,
  WAYS_OF_SERVICE,
  type WayOfService,
} from './domain.ts';
import { exhaustive } from './exhaustive.ts';

/**
 * The rule of the three ways of care (docs/product.md "Three ways of care"): which ways may serve a
 * need, and which one serves it when nobody chooses. One place, used by the server when it creates,
 * generates, imports or re-routes a request and by the web when it offers the choice.
 *
 * - dialysis, chemo- and radiotherapy need the machine or the infusion chair: always a trip;
 * - an emergency always goes to the hospital;
 * - chronic disease: an online follow-up visit by default (a prescription it issues is delivered),
 *   medicines delivered without a visit, or a trip when the doctor must see the patient;
 * - pregnancy, by week: online visits early on; from week 28 a trip by default (fetal monitoring),
 *   online still possible; from week 37 (term) only a trip;
 * - newborn check-ups: a trip by default (weighing, jaundice), online possible.
 */
export const WayOfServiceSchema = z
  .enum(WAYS_OF_SERVICE)
  .meta({ id: 'WayOfService', description: '`trip`, `online_visit` or `delivery` (medicines to the gate)' });

/** Why a way is not allowed for a need: a `FIELD_MESSAGES` code. */
export type WayRefusal =
  | 'way_needs_treatment_on_site'
  | 'way_emergency_on_site'
  | 'way_term_pregnancy'
  | 'way_delivery_chronic_only';

export interface CareWays {
  allowed: readonly WayOfService[];
  /** The way a request takes when nobody chooses. */
  preferred: WayOfService;
}

export interface CareWaysInput {
  /** The need's kind; without a need, the service's (see `needKindOfService`). */
  kind: NeedKind;
  urgency: Urgency;
  /** Pregnancy: the due date (YYYY-MM-DD); with `date` it gives the week. */
  dueDate?: string | null | undefined;
  /** The day the need is served (YYYY-MM-DD). */
  date: string;
}

/** Week of pregnancy on `date` for a due date (40 weeks at the due date). */
export function pregnancyWeek(dueDate: string, date: string): number {
  const days = (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
  return Math.floor(40 - days / 7);
}

/** From week 28 the check-ups need fetal monitoring on site; from week 37 the birth can start any day. */
export const PREGNANCY_TRIP_FROM_WEEK = 28;
export const PREGNANCY_TERM_WEEK = 37;

const TRIP_ONLY: CareWays = { allowed: ['trip'], preferred: 'trip' };

export function careWaysFor(input: CareWaysInput): CareWays {
  if (input.urgency === 'emergency') return TRIP_ONLY;
  switch (input.kind) {
    case 'dialysis':
    case 'chemotherapy':
    case 'radiotherapy':
    case 'emergency':
      return TRIP_ONLY;
    case 'chronic':
      return { allowed: ['online_visit', 'delivery', 'trip'], preferred: 'online_visit' };
    case 'pregnancy': {
      if (!input.dueDate) return { allowed: ['trip', 'online_visit'], preferred: 'trip' };
      const week = pregnancyWeek(input.dueDate, input.date);
      if (week >= PREGNANCY_TERM_WEEK) return TRIP_ONLY;
      return {
        allowed: ['online_visit', 'trip'],
        preferred: week >= PREGNANCY_TRIP_FROM_WEEK ? 'trip' : 'online_visit',
      };
    }
    case 'newborn':
      return { allowed: ['trip', 'online_visit'], preferred: 'trip' };
    default:
      return exhaustive(input.kind);
  }
}

/** Why `way` may not serve the need, or null when it may. */
export function refuseWayOfService(way: WayOfService, input: CareWaysInput): WayRefusal | null {
  if (careWaysFor(input).allowed.includes(way)) return null;
  if (input.urgency === 'emergency' || input.kind === 'emergency') return 'way_emergency_on_site';
  if (input.kind === 'pregnancy' && way === 'online_visit') return 'way_term_pregnancy';
  if (
    way === 'delivery' &&
    input.kind !== 'dialysis' &&
    input.kind !== 'chemotherapy' &&
    input.kind !== 'radiotherapy'
  )
    return 'way_delivery_chronic_only';
  return 'way_needs_treatment_on_site';
}

/** The need kind a request without a need stands for, by its service (the inverse of SERVICE_FOR_NEED). */
export function needKindOfService(service: Service): NeedKind {
  switch (service) {
    case 'dialysis':
      return 'dialysis';
    case 'oncology':
      return 'chemotherapy';
    case 'obstetrics':
      return 'pregnancy';
    case 'neonatal':
      return 'newborn';
    case 'general':
      return 'chronic';
    case 'emergency':
      return 'emergency';
    default:
      return exhaustive(service);
  }
}

/**
 * Whether a day's need counts as served — the overview's figures and the dispatch console's key figures
 * both ask this: booked (`planned`: every leg of its trip has a vehicle, or its online visit is booked)
 * or done; a need served by delivery keeps its request's status, so it counts once its parcel has a
 * vehicle (`parcelOnItsWay`: a delivery in `SERVING_DELIVERY_STATUSES`).
 */
export function isNeedServed(
  request: { status: RequestStatus; serveBy: WayOfService },
  parcelOnItsWay: boolean,
): boolean {
  return (
    request.status === 'planned' ||
    request.status === 'done' ||
    (request.serveBy === 'delivery' && parcelOnItsWay)
  );
}
