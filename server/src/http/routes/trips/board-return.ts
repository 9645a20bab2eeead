import { stepRoute } from './step-route.ts';

export const boardReturnRoute = stepRoute(
  'board',
  'on-board',
  'Driver has the return patient on board at the hospital',
);
