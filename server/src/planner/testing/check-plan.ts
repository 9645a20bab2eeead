import { leavesVehicleDirty } from '@lastmeter/shared/lifecycle.ts';
import { type PlanInput, planInputSchema, type VehicleKind } from '@lastmeter/shared/planner.ts';
import type { Plan } from '../domain/plan.ts';
import type { TravelTimeModel } from '../domain/travel.ts';

/**
 * Independent feasibility checker for plans, written from the rules in docs/product.md and the
 * planner contract, sharing no code with the planner's own feasibility logic (only the product's own
 * rules in shared/, such as `leavesVehicleDirty`). Tests run every
 * plan they produce through it. Returns the list of violations (empty = feasible).
 */
export function checkPlan(rawInput: PlanInput, plan: Plan, travel: TravelTimeModel): string[] {
  const input = planInputSchema.parse(rawInput);
  const errors: string[] = [];
  const TOL = 1500; // ms: stop times are rounded to the millisecond
  const MIN = 60000;
  const trips = new Map(input.trips.map((t) => [t.id, t]));
  const parcels = new Map(input.deliveries.map((d) => [d.id, d]));
  const PARCEL_DWELL = 2;
  const vehicles = new Map(input.vehicles.map((v) => [v.id, v]));
  const boarding = { walk: 2, wheelchair: 5, stretcher: 8 } as const;
  const minutesBetween = (a: [number, number], b: [number, number], kind: VehicleKind): number =>
    travel.minutes([a, b], kind)[1]!;
  const kinds = [...new Set(input.vehicles.map((v) => v.kind))];
  const slowest = (a: [number, number], b: [number, number]): number =>
    Math.max(0, ...kinds.map((k) => minutesBetween(a, b, k)));
  const seen = new Map<string, string>();
  const dropStart = new Map<string, number>();
  const pickStart = new Map<string, number>();

  for (const route of plan.routes) {
    const v = vehicles.get(route.vehicleId);
    if (!v) {
      errors.push(`route for unknown vehicle ${route.vehicleId}`);
      continue;
    }
    const tag = `vehicle ${v.id}`;
    const start = v.availableFrom?.time ?? v.shiftStart;
    if (route.start < Math.max(start, v.shiftStart) - TOL)
      errors.push(`${tag}: starts before it is available`);
    if (route.end > v.shiftEnd + TOL) errors.push(`${tag}: ends after its shift`);
    if (route.end - route.start > input.policy.maxRouteDurationMinutes * MIN + TOL)
      errors.push(`${tag}: route longer than the maximum duration`);
    let pos: [number, number] = v.availableFrom?.at ?? v.base;
    let free = route.start;
    let seats = 0;
    let wheel = 0;
    let stretch = 0;
    const onboard = new Map<string, string>();
    let dirtySinceClean = false;
    let cleanAt = Number.NEGATIVE_INFINITY;
    const order: string[] = [];
    for (const s of route.stops) {
      const parcel = s.legId.endsWith(':dlv') ? parcels.get(s.tripId) : undefined;
      if (parcel) {
        // A medicine delivery: pharmacy → gate inside its windows, no seat, no ambulance, and never
        // aboard at once with a close-contact or positive patient (issue 12).
        const key = `${s.legId}/${s.type}`;
        order.push(key);
        if (seen.has(key)) errors.push(`${key} visited twice`);
        seen.set(key, v.id);
        const onboardLeg = (v.onboardLegs ?? []).includes(s.legId);
        const expected =
          s.type === 'pickup'
            ? onboardLeg
              ? (v.availableFrom?.at ?? v.base)
              : parcel.pharmacy
            : parcel.gate;
        if (expected[0] !== s.location[0] || expected[1] !== s.location[1])
          errors.push(`${key}: wrong place`);
        const reach = free + minutesBetween(pos, s.location, v.kind) * MIN;
        if (s.arrival < reach - TOL) errors.push(`${key}: arrives before it can get there`);
        if (s.start < s.arrival - TOL) errors.push(`${key}: starts before arriving`);
        const dwell = onboardLeg && s.type === 'pickup' ? 0 : PARCEL_DWELL;
        if (s.departure < s.start + dwell * MIN - TOL)
          errors.push(`${key}: leaves before the hand-over is done`);
        if (v.kind === 'ambulance_120') errors.push(`${key}: a 120 ambulance carries medicines`);
        if (s.type === 'pickup') {
          if (!dirtySinceClean && s.start < cleanAt - TOL) errors.push(`${key}: loaded during disinfection`);
          if (!onboardLeg && (s.start < parcel.pickupFrom - TOL || s.start > parcel.pickupTo + TOL))
            errors.push(`${key}: collected outside the pharmacy window`);
          onboard.set(s.legId, 'parcel');
        } else {
          if (!onboard.has(s.legId)) errors.push(`${key}: dropped without pickup on this vehicle`);
          onboard.delete(s.legId);
          if (s.start < parcel.dropoffFrom - TOL || s.start > parcel.dropoffTo + TOL)
            errors.push(`${key}: handed over outside the gate window`);
          if (onboard.size === 0 && dirtySinceClean) {
            dirtySinceClean = false;
            cleanAt = s.departure + v.disinfectionMinutes * MIN;
            if (v.disinfectionMinutes > 0 && (s.disinfectedUntil ?? 0) < cleanAt - TOL)
              errors.push(`${key}: disinfection not scheduled`);
          }
        }
        const aboard = [...onboard.values()];
        if (aboard.includes('parcel') && aboard.some((c) => c === 'close_contact' || c === 'positive'))
          errors.push(`${key}: medicines aboard with a close-contact or positive patient`);
        pos = s.location;
        free = Math.max(s.departure, s.disinfectedUntil ?? 0);
        continue;
      }
      const trip = trips.get(s.tripId);
      if (!trip) {
        errors.push(`${tag}: stop for unknown trip ${s.tripId}`);
        continue;
      }
      const out = s.legId.endsWith(':out');
      const key = `${s.legId}/${s.type}`;
      order.push(key);
      if (seen.has(key)) errors.push(`${key} visited twice`);
      seen.set(key, v.id);
      const onboardLeg = (v.onboardLegs ?? []).includes(s.legId);
      const expected: [number, number] =
        s.type === 'pickup'
          ? onboardLeg
            ? (v.availableFrom?.at ?? v.base)
            : out
              ? trip.gate
              : trip.hospitalEntrance
          : out
            ? trip.hospitalEntrance
            : trip.gate;
      if (expected[0] !== s.location[0] || expected[1] !== s.location[1]) errors.push(`${key}: wrong place`);
      const reach = free + minutesBetween(pos, s.location, v.kind) * MIN;
      if (s.arrival < reach - TOL) errors.push(`${key}: arrives before it can get there`);
      if (s.start < s.arrival - TOL) errors.push(`${key}: starts before arriving`);
      const dwell = onboardLeg && s.type === 'pickup' ? 0 : boarding[trip.mobility];
      if (s.departure < s.start + dwell * MIN - TOL)
        errors.push(`${key}: leaves before boarding/alighting is done`);
      // Kind: emergencies and stretchers only by 120 ambulances.
      if ((trip.urgency === 'emergency' || trip.mobility === 'stretcher') && v.kind !== 'ambulance_120')
        errors.push(`${key}: needs a 120 ambulance, got ${v.kind}`);
      const need = {
        seats: (trip.mobility === 'walk' ? 1 : 0) + trip.companions,
        wheel: trip.mobility === 'wheelchair' ? 1 : 0,
        stretch: trip.mobility === 'stretcher' ? 1 : 0,
      };
      if (s.type === 'pickup') {
        if (!dirtySinceClean && s.start < cleanAt - TOL) errors.push(`${key}: picked up during disinfection`);
        if (onboard.has(s.legId)) errors.push(`${key}: picked up twice`);
        onboard.set(s.legId, trip.infectionClass);
        seats += need.seats;
        wheel += need.wheel;
        stretch += need.stretch;
        pickStart.set(s.legId, s.departure);
        if (leavesVehicleDirty(trip, input.policy)) dirtySinceClean = true;
        if (!out && trip.returnMode.kind === 'fixed' && !onboardLeg) {
          const treatEnd = trip.appointmentTo + trip.returnMode.treatmentMinutes * MIN;
          if (s.start < treatEnd - TOL) errors.push(`${key}: return pickup before treatment ends`);
          const outDrop = dropStart.get(`${trip.id}:out`);
          if (outDrop !== undefined && s.start < outDrop + trip.returnMode.treatmentMinutes * MIN - TOL)
            errors.push(`${key}: return pickup before treatment after arrival ends`);
          if (s.start > treatEnd + input.policy.returnPickupFlexMinutes * MIN + TOL)
            errors.push(`${key}: return pickup too late after treatment`);
        }
        if (
          !out &&
          trip.returnMode.kind === 'will_call' &&
          trip.returnMode.releasedAt !== undefined &&
          !onboardLeg
        ) {
          if (s.start < trip.returnMode.releasedAt - TOL)
            errors.push(`${key}: picked up before the hospital released`);
        }
        if (out && trip.readyAt !== undefined && s.start < trip.readyAt - TOL)
          errors.push(`${key}: before ready`);
      } else {
        if (!onboard.has(s.legId)) errors.push(`${key}: dropped without pickup on this vehicle`);
        onboard.delete(s.legId);
        seats -= need.seats;
        wheel -= need.wheel;
        stretch -= need.stretch;
        if (out) {
          dropStart.set(s.legId, s.start);
          if (s.start < trip.appointmentFrom - TOL || s.start > trip.appointmentTo + TOL)
            errors.push(`${key}: arrives outside the appointment window`);
        }
        const picked = pickStart.get(s.legId);
        const onboardAtStart = (v.onboardLegs ?? []).includes(s.legId);
        if (picked !== undefined && !onboardAtStart) {
          const direct = slowest(
            out ? trip.gate : trip.hospitalEntrance,
            out ? trip.hospitalEntrance : trip.gate,
          );
          const limit =
            input.policy.maxRide.kind === 'absolute'
              ? Math.max(input.policy.maxRide.minutes, direct)
              : Math.max(input.policy.maxRide.minimumMinutes, input.policy.maxRide.factor * direct);
          if (s.start - picked > limit * MIN + TOL)
            errors.push(`${key}: ride ${(s.start - picked) / MIN} min > ${limit}`);
        }
        if (onboard.size === 0 && dirtySinceClean) {
          dirtySinceClean = false;
          cleanAt = s.departure + v.disinfectionMinutes * MIN;
          if (v.disinfectionMinutes > 0 && (s.disinfectedUntil ?? 0) < cleanAt - TOL)
            errors.push(`${key}: disinfection not scheduled`);
        }
      }
      if (seats > v.seats) errors.push(`${key}: ${seats} seats > ${v.seats}`);
      if (wheel > v.wheelchairPlaces) errors.push(`${key}: wheelchair places exceeded`);
      if (stretch > v.stretchers) errors.push(`${key}: stretchers exceeded`);
      const classes = [...onboard.values()].filter((c) => c !== 'parcel');
      if (new Set(classes).size > 1) errors.push(`${key}: infection classes share the vehicle`);
      if (onboard.size > classes.length && classes.some((c) => c !== 'normal'))
        errors.push(`${key}: medicines aboard with a close-contact or positive patient`);
      if (input.policy.onePatientPerVehicle && classes.length > 1)
        errors.push(`${key}: two patients on board`);
      pos = s.location;
      free = Math.max(s.departure, s.disinfectedUntil ?? 0);
    }
    if (onboard.size > 0) errors.push(`${tag}: ends with passengers on board`);
    if (route.end < free + minutesBetween(pos, v.base, v.kind) * MIN - TOL)
      errors.push(`${tag}: back at base too early`);
    // Accepted stops keep their vehicle and their order.
    const fixed = (v.fixedStops ?? [])
      .map((f) => `${f.legId}/${f.type}`)
      .filter((k) => plan.routes.length > 0 && k);
    let cursor = 0;
    for (const f of fixed) {
      const at = order.indexOf(f, cursor);
      if (at < 0) errors.push(`${tag}: fixed stop ${f} moved or dropped`);
      else cursor = at;
    }
    for (const l of v.onboardLegs ?? [])
      if (!order.includes(`${l}/dropoff`)) errors.push(`${tag}: on-board ${l} not dropped`);
  }
  const accounted = new Set([...plan.unserved.map((u) => u.legId), ...plan.awaitingRelease]);
  for (const t of input.trips) {
    const legs = t.outboundDone ? [`${t.id}:ret`] : [`${t.id}:out`, `${t.id}:ret`];
    for (const l of legs) {
      const p = seen.get(`${l}/pickup`);
      const d = seen.get(`${l}/dropoff`);
      if (accounted.has(l)) {
        if (p || d) errors.push(`${l}: both routed and listed unserved`);
        continue;
      }
      if (!p || !d) errors.push(`${l}: neither routed nor reported`);
      else if (p !== d) errors.push(`${l}: pickup and drop-off on different vehicles`);
    }
  }
  for (const d of input.deliveries) {
    const l = `${d.id}:dlv`;
    const p = seen.get(`${l}/pickup`);
    const dr = seen.get(`${l}/dropoff`);
    if (accounted.has(l)) {
      if (p || dr) errors.push(`${l}: both routed and listed unserved`);
      continue;
    }
    const onboardAtStart = input.vehicles.some((v) => (v.onboardLegs ?? []).includes(l));
    if ((!p && !onboardAtStart) || !dr) errors.push(`${l}: neither routed nor reported`);
    else if (p && p !== dr) errors.push(`${l}: pickup and drop-off on different vehicles`);
  }
  return errors;
}
