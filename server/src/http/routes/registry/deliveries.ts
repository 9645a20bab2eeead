import type { AnyRoute } from '../../route.ts';
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

/** Medicine delivery (药品配送): prescriptions, the parcel's steps, each party's list. */
export const deliveryRoutes: AnyRoute[] = [
  createPrescriptionRoute,
  listMyDeliveriesRoute,
  listCompoundDeliveriesRoute,
  listDistrictDeliveriesRoute,
  pickUpDeliveryRoute,
  handDeliveryToGateRoute,
  receiveDeliveryRoute,
  handOverDeliveryRoute,
  cancelDeliveryRoute,
];
