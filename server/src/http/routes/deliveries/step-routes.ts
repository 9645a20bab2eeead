import {
  DeliveryParams,
  type DeliveryStep,
  DeliveryStepBody,
  DeliveryView,
  DriverDeliveryView,
} from '@lastmeter/shared';
import { takeDeliveryStep } from '../../../domain/deliveries/take-delivery-step.ts';
import { errors } from '../../../errors.ts';
import { defineRoute } from '../../route.ts';

/** The driver's steps answer with the driver's contactless view. */
function driverStepRoute(step: DeliveryStep, path: string, summary: string) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/deliveries/:deliveryId/${path}`,
    summary,
    tags: ['deliveries'],
    auth: 'session',
    params: DeliveryParams,
    body: DeliveryStepBody,
    success: { status: 200, description: 'The delivery after the step', schema: DriverDeliveryView },
    handler: async ({ actor, app, params, body }) =>
      (
        await takeDeliveryStep({
          db: app.db,
          actor,
          deliveryId: params.deliveryId,
          step,
          input: body,
          now: app.clock.now(),
          timeZone: app.config.timeZone,
        })
      ).driver,
  });
}

/** The gate's and dispatch's steps answer with the full view (the prescription too). */
function gateStepRoute(step: DeliveryStep, path: string, summary: string) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/deliveries/:deliveryId/${path}`,
    summary,
    tags: ['deliveries'],
    auth: 'session',
    params: DeliveryParams,
    body: DeliveryStepBody,
    success: { status: 200, description: 'The delivery after the step', schema: DeliveryView },
    handler: async ({ actor, app, params, body }) => {
      const { full } = await takeDeliveryStep({
        db: app.db,
        actor,
        deliveryId: params.deliveryId,
        step,
        input: body,
        now: app.clock.now(),
        timeZone: app.config.timeZone,
      });
      if (!full) throw errors.forbidden();
      return full;
    },
  });
}

export const pickUpDeliveryRoute = driverStepRoute(
  'pick_up',
  'pick-up',
  'Driver collected the parcel at the hospital pharmacy (assigned → picked_up)',
);
export const handDeliveryToGateRoute = driverStepRoute(
  'hand_to_gate',
  'at-gate',
  'Driver left the parcel at the compound gate, contactless (picked_up → at_gate)',
);
export const receiveDeliveryRoute = gateStepRoute(
  'receive',
  'received',
  'Gatekeeper confirms the parcel arrived at the gate (→ received)',
);
export const handOverDeliveryRoute = gateStepRoute(
  'hand_over',
  'handed-over',
  'Gatekeeper handed the medicine to the household, 送药到户 (received → delivered)',
);
export const cancelDeliveryRoute = gateStepRoute(
  'cancel',
  'cancel',
  'Cancel a delivery nobody has collected yet (gatekeeper, dispatch); the note says why',
);
