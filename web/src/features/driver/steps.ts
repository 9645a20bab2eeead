import type { LegStatus, LegView } from '@lastmeter/shared';

/** The steps a driver reports, each with its API path and the status the leg reaches. */
export const DRIVER_STEPS = {
  accept: { path: 'accept', to: 'accepted' },
  decline: { path: 'decline', to: 'declined' },
  depart: { path: 'en-route', to: 'en_route' },
  reach_pickup: { path: 'at-pickup', to: 'at_pickup' },
  board: { path: 'on-board', to: 'on_board' },
  arrive: { path: 'arrive', to: 'arrived' },
  no_show: { path: 'no-show', to: 'no_show' },
  refuse: { path: 'refused-at-gate', to: 'refused_at_gate' },
} as const satisfies Record<string, { path: string; to: LegStatus }>;
export type DriverStep = keyof typeof DRIVER_STEPS;

/** What the driver should see next: the main step, and the exceptional ones beside it. */
export interface NextSteps {
  primary: DriverStep | null;
  secondary: DriverStep[];
  /** Someone else acts next (the gatekeeper's "out", the hospital's "arrived", the gatekeeper's "back"). */
  waitingFor: 'gatekeeper_out' | 'hospital' | 'gatekeeper_back' | null;
}

/** Mirrors STEP_RULES in @lastmeter/shared/lifecycle for the driver's role, as buttons. */
export function nextSteps(leg: Pick<LegView, 'status' | 'direction'>): NextSteps {
  const outbound = leg.direction === 'outbound';
  switch (leg.status) {
    case 'assigned':
      return { primary: 'accept', secondary: ['decline'], waitingFor: null };
    case 'accepted':
      return { primary: 'depart', secondary: ['decline'], waitingFor: null };
    case 'en_route':
      return { primary: 'reach_pickup', secondary: [], waitingFor: null };
    case 'at_pickup':
      return outbound
        ? { primary: null, secondary: ['no_show'], waitingFor: 'gatekeeper_out' }
        : { primary: 'board', secondary: ['no_show'], waitingFor: null };
    case 'on_board':
      return { primary: 'arrive', secondary: outbound ? ['refuse'] : [], waitingFor: null };
    case 'arrived':
      return outbound
        ? { primary: null, secondary: ['refuse'], waitingFor: 'hospital' }
        : { primary: null, secondary: [], waitingFor: 'gatekeeper_back' };
    case 'planned':
    case 'completed':
    case 'declined':
    case 'cancelled':
    case 'no_show':
    case 'refused_at_gate':
      return { primary: null, secondary: [], waitingFor: null };
    default: {
      const unreachable: never = leg.status;
      return unreachable;
    }
  }
}

/** Where the car is heading now: the pickup until the patient is on board, then the drop-off. */
export function currentStop(leg: LegView): {
  kind: 'pickup' | 'dropoff';
  name: string;
  place: string;
  lng: number;
  lat: number;
} {
  const beforeBoarding = ['assigned', 'accepted', 'en_route', 'at_pickup'].includes(leg.status);
  const gate = { name: leg.gate.name, place: leg.compound.name, lng: leg.gate.lng, lat: leg.gate.lat };
  const hospital = {
    name: leg.hospital.name,
    place: leg.hospital.name,
    lng: leg.hospital.lng,
    lat: leg.hospital.lat,
  };
  const pickup = leg.direction === 'outbound' ? gate : hospital;
  const dropoff = leg.direction === 'outbound' ? hospital : gate;
  return beforeBoarding ? { kind: 'pickup', ...pickup } : { kind: 'dropoff', ...dropoff };
}
