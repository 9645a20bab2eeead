import { stepRoute } from './step-route.ts';

export const confirmArrivalRoute = stepRoute(
  'confirm_arrival',
  'arrived',
  'Hospital confirms the patient arrived (completes the outbound leg)',
);
