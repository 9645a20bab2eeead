import { stepRoute } from './step-route.ts';

export const confirmOutRoute = stepRoute(
  'out',
  'out',
  'Gatekeeper releases the patient at the compound gate (outbound leg → on board)',
);
