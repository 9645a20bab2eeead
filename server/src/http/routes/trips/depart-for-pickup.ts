import { stepRoute } from './step-route.ts';

export const departForPickupRoute = stepRoute('depart', 'en-route', 'Driver sets off for the pickup');
