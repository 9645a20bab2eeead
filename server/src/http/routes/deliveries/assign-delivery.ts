import { AssignDeliveryBody, DeliveryParams, DeliveryView } from '@lastmeter/shared';
import { assignDelivery } from '../../../domain/deliveries/assign-delivery.ts';
import { defineRoute } from '../../route.ts';

export const assignDeliveryRoute = defineRoute({
  method: 'post',
  path: '/api/v1/deliveries/:deliveryId/assign',
  summary:
    'Put a medicine delivery on a volunteer or requisitioned vehicle by hand, or move it; a rule of the vehicle’s schedule in the way (a close contact or positive patient aboard then, an ambulance) → 409 `schedule_rule` naming it (dispatch)',
  tags: ['deliveries'],
  auth: 'session',
  params: DeliveryParams,
  body: AssignDeliveryBody,
  success: { status: 200, description: 'The delivery on its vehicle', schema: DeliveryView },
  handler: ({ actor, app, params, body }) =>
    assignDelivery({
      db: app.db,
      actor,
      deliveryId: params.deliveryId,
      input: body,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    }),
});
