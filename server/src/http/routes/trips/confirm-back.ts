import { stepRoute } from './step-route.ts';

export const confirmBackRoute = stepRoute(
  'back',
  'back',
  'Gatekeeper confirms the patient is back through the gate (closes the loop)',
);
