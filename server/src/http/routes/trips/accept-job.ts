import { stepRoute } from './step-route.ts';

export const acceptJobRoute = stepRoute('accept', 'accept', 'Driver accepts a job assigned to their vehicle');
