import { stepRoute } from './step-route.ts';

export const reachPickupRoute = stepRoute(
  'reach_pickup',
  'at-pickup',
  'Driver is at the pickup (compound gate or hospital entrance)',
);
