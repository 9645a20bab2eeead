import type { AnyRoute } from '../../route.ts';
import { assignDeliveryRoute } from './assign-delivery.ts';
import { createPrescriptionRoute } from './create-prescription.ts';
import {
  listCompoundDeliveriesRoute,
  listDistrictDeliveriesRoute,
  listMyDeliveriesRoute,
} from './list-routes.ts';
import {
  cancelDeliveryRoute,
  handDeliveryToGateRoute,
  handOverDeliveryRoute,
  pickUpDeliveryRoute,
  receiveDeliveryRoute,
} from './step-routes.ts';

/** Medicine delivery (药品配送): prescriptions, dispatch's assignment by hand, the parcel's steps, each party's list. */
export const deliveryRoutes: AnyRoute[] = [
  createPrescriptionRoute,
  listMyDeliveriesRoute,
  listCompoundDeliveriesRoute,
  listDistrictDeliveriesRoute,
  assignDeliveryRoute,
  pickUpDeliveryRoute,
  handDeliveryToGateRoute,
  receiveDeliveryRoute,
  handOverDeliveryRoute,
  cancelDeliveryRoute,
];
