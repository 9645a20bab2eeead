import { stepRoute } from './step-route.ts';

export const arriveAtDropoffRoute = stepRoute('arrive', 'arrive', 'Driver has arrived at the drop-off');
