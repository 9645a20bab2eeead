import type { AnyRoute } from '../../route.ts';
import { bookOnlineVisitRoute } from './book-online-visit.ts';
import { cancelOnlineVisitRoute, rescheduleOnlineVisitRoute } from './change-online-visit.ts';
import { chooseWayRoute } from './choose-way.ts';
import { getOnlineVisitRoute } from './get-online-visit.ts';
import { listOnlineVisitsRoute } from './list-online-visits.ts';
import {
  getOnlineCapacityRoute,
  getOnlineSlotsRoute,
  setOnlineOverridesRoute,
  setOnlineSlotsRoute,
} from './online-slots.ts';
import { recordVisitOutcomeRoute } from './record-visit-outcome.ts';
import { startOnlineVisitRoute } from './start-online-visit.ts';
import { viewJoinLinkRoute } from './view-join-link.ts';

/** The ways of care beyond a trip: choosing the way, online slots, booking, the desk's day, moving and cancelling a visit, the join link. */
export const onlineVisitRoutes: AnyRoute[] = [
  chooseWayRoute,
  bookOnlineVisitRoute,
  listOnlineVisitsRoute,
  getOnlineVisitRoute,
  rescheduleOnlineVisitRoute,
  cancelOnlineVisitRoute,
  startOnlineVisitRoute,
  recordVisitOutcomeRoute,
  viewJoinLinkRoute,
  getOnlineSlotsRoute,
  setOnlineSlotsRoute,
  setOnlineOverridesRoute,
  getOnlineCapacityRoute,
];
