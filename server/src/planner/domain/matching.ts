import type {
  MatchHospital,
  MatchPolicy,
  MatchReasonCode,
  MatchRequest,
  Reason,
  RegularSkipCode,
  UnmatchedCode,
} from '@lastmeter/shared/planner.ts';
import type { TravelTimeModel } from './travel.ts';

export interface HospitalMatch {
  requestId: string;
  hospitalId: string;
  /** Start of the hospital slot the patient takes (absent when the service has no slots). */
  slotStart?: number;
  travelMinutes: number;
  reason: Reason<MatchReasonCode>;
}

export interface UnmatchedRequest {
  requestId: string;
  reason: Reason<UnmatchedCode>;
}

export interface MatchHospitalsOptions {
  requests: readonly MatchRequest[];
  hospitals: readonly MatchHospital[];
  policy: MatchPolicy;
  travel: TravelTimeModel;
  /** Slot places already taken by earlier bookings: key from `slotKey`. */
  alreadyBooked?: ReadonlyMap<string, number>;
}

export const slotKey = (hospitalId: string, service: string, slotStart: number): string =>
  `${hospitalId}|${service}|${slotStart}`;

type Verdict =
  | { ok: true; slotStart?: number; minutes: number }
  | { ok: false; why: 'no_service' | 'rejects_positive' | 'diverting' | 'out_of_range' | 'full' };

/**
 * Hospital matching (供需匹配): emergencies first, then by appointment time, each request takes
 * the requested hospital, else its regular hospital (continuity of care), else the nearest
 * capable hospital by travel time — only hospitals offering the service, not diverting, taking
 * positive patients when needed, in range and with a free place in the slot. Slot capacity is
 * counted across the whole batch, so it is never exceeded. Every outcome carries a reason code.
 */
export function matchHospitals(options: MatchHospitalsOptions): {
  matches: HospitalMatch[];
  unmatched: UnmatchedRequest[];
  booked: Map<string, number>;
} {
  const { requests, hospitals, policy, travel } = options;
  const booked = new Map(options.alreadyBooked ?? []);
  // One matrix per vehicle kind over every gate and entrance, asked for once.
  const points = [...hospitals.map((h) => h.entrance)];
  const pointIndex = new Map<string, number>();
  const indexOf = (p: readonly [number, number]): number => {
    const key = `${p[0]},${p[1]}`;
    let i = pointIndex.get(key);
    if (i === undefined) {
      i = points.length;
      points.push([p[0], p[1]]);
      pointIndex.set(key, i);
    }
    return i;
  };
  const gateIdx = requests.map((r) => indexOf(r.gate));
  const n = points.length;
  const hasEmergency = requests.some((r) => r.urgency === 'emergency');
  const hasScheduled = requests.some((r) => r.urgency === 'scheduled');
  const emergencyMinutes = hasEmergency ? travel.minutes(points, 'ambulance_120') : null;
  const scheduledMinutes = hasScheduled ? travel.minutes(points, 'volunteer') : null;

  const order = requests
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        (a.r.urgency === 'emergency' ? 0 : 1) - (b.r.urgency === 'emergency' ? 0 : 1) ||
        a.r.appointmentAt - b.r.appointmentAt ||
        (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0),
    );
  const matches: HospitalMatch[] = [];
  const unmatched: UnmatchedRequest[] = [];
  for (const { r, i } of order) {
    const matrix = (r.urgency === 'emergency' ? emergencyMinutes : scheduledMinutes)!;
    const verdict = (h: MatchHospital, hIdx: number): Verdict => {
      const offer = h.services.find((s) => s.service === r.service);
      if (!offer) return { ok: false, why: 'no_service' };
      if (r.infectionClass === 'positive' && !h.acceptsPositive)
        return { ok: false, why: 'rejects_positive' };
      if (h.diverting) return { ok: false, why: 'diverting' };
      const minutes = matrix[gateIdx[i]! * n + hIdx]!;
      if (minutes > policy.maxTravelMinutes) return { ok: false, why: 'out_of_range' };
      if (!offer.slots) return { ok: true, minutes };
      const slot = offer.slots.find((s) => s.start <= r.appointmentAt && r.appointmentAt < s.end);
      if (!slot || (booked.get(slotKey(h.id, r.service, slot.start)) ?? 0) >= slot.capacity)
        return { ok: false, why: 'full' };
      return { ok: true, minutes, slotStart: slot.start };
    };
    const take = (h: MatchHospital, v: Verdict & { ok: true }, reason: Reason<MatchReasonCode>): void => {
      if (v.slotStart !== undefined) {
        const key = slotKey(h.id, r.service, v.slotStart);
        booked.set(key, (booked.get(key) ?? 0) + 1);
      }
      matches.push({
        requestId: r.id,
        hospitalId: h.id,
        travelMinutes: v.minutes,
        reason,
        ...(v.slotStart !== undefined ? { slotStart: v.slotStart } : {}),
      });
    };
    const hIndex = (id: string | undefined): number =>
      id === undefined ? -1 : hospitals.findIndex((h) => h.id === id);

    const requested = hIndex(r.requestedHospitalId);
    if (requested >= 0) {
      const h = hospitals[requested]!;
      const v = verdict(h, requested);
      if (v.ok) {
        take(h, v, { code: 'requested_hospital', params: { hospital: h.name } });
        continue;
      }
    }
    const regular = hIndex(r.regularHospitalId);
    let skip: RegularSkipCode = 'no_regular_hospital';
    if (regular >= 0) {
      const h = hospitals[regular]!;
      const v = verdict(h, regular);
      if (v.ok) {
        take(h, v, { code: 'regular_hospital', params: { hospital: h.name } });
        continue;
      }
      skip = SKIP[v.why];
    }
    let best = -1;
    let bestVerdict: (Verdict & { ok: true }) | null = null;
    const seen = { service: false, positive: false, open: false, inRange: false };
    hospitals.forEach((h, hIdx) => {
      const v = verdict(h, hIdx);
      if (!v.ok) {
        if (v.why !== 'no_service') seen.service = true;
        if (v.why === 'diverting' || v.why === 'out_of_range' || v.why === 'full') seen.positive = true;
        if (v.why === 'out_of_range' || v.why === 'full') seen.open = true;
        if (v.why === 'full') seen.inRange = true;
        return;
      }
      seen.service = seen.positive = seen.open = seen.inRange = true;
      if (!bestVerdict || v.minutes < bestVerdict.minutes) {
        best = hIdx;
        bestVerdict = v;
      }
    });
    if (best >= 0 && bestVerdict) {
      const h = hospitals[best]!;
      take(h, bestVerdict, {
        code: 'nearest_capable',
        params: {
          hospital: h.name,
          minutes: Math.round((bestVerdict as { minutes: number }).minutes),
          why: skip,
        },
      });
      continue;
    }
    const code: UnmatchedCode = !seen.service
      ? 'no_capable_hospital'
      : !seen.positive
        ? 'no_hospital_accepts_positive'
        : !seen.open
          ? 'all_capable_diverting'
          : !seen.inRange
            ? 'no_hospital_in_range'
            : 'no_capacity';
    unmatched.push({
      requestId: r.id,
      reason: { code, params: { service: r.service, minutes: policy.maxTravelMinutes } },
    });
  }
  return { matches, unmatched, booked };
}

const SKIP: Record<
  'no_service' | 'rejects_positive' | 'diverting' | 'out_of_range' | 'full',
  RegularSkipCode
> = {
  no_service: 'regular_no_service',
  rejects_positive: 'regular_rejects_positive',
  diverting: 'regular_diverting',
  out_of_range: 'regular_out_of_range',
  full: 'regular_full',
};
