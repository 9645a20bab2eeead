import type { AnyRoute } from '../../route.ts';
import { bookOnlineVisitRoute } from '../online-visits/book-online-visit.ts';
import { cancelOnlineVisitRoute, rescheduleOnlineVisitRoute } from '../online-visits/change-online-visit.ts';
import { chooseWayRoute } from '../online-visits/choose-way.ts';
import { getOnlineVisitRoute } from '../online-visits/get-online-visit.ts';
import { listOnlineVisitsRoute } from '../online-visits/list-online-visits.ts';
import {
  getOnlineCapacityRoute,
  getOnlineSlotsRoute,
  setOnlineOverridesRoute,
  setOnlineSlotsRoute,
} from '../online-visits/online-slots.ts';
import { recordVisitOutcomeRoute } from '../online-visits/record-visit-outcome.ts';
import { startOnlineVisitRoute } from '../online-visits/start-online-visit.ts';
import { viewJoinLinkRoute } from '../online-visits/view-join-link.ts';

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
