import type { AnyRoute } from '../../route.ts';
import { assignDeliveryRoute } from '../deliveries/assign-delivery.ts';
import { createPrescriptionRoute } from '../deliveries/create-prescription.ts';
import {
  listCompoundDeliveriesRoute,
  listDistrictDeliveriesRoute,
  listMyDeliveriesRoute,
} from '../deliveries/list-routes.ts';
import {
  cancelDeliveryRoute,
  handDeliveryToGateRoute,
  handOverDeliveryRoute,
  pickUpDeliveryRoute,
  receiveDeliveryRoute,
} from '../deliveries/step-routes.ts';

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
