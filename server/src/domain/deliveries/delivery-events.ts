import { rooms } from '@lastmeter/shared';
import type { NewDomainEvent } from '../events/record-event.ts';
import type { DeliveryContext } from '../schedule/load-delivery.ts';
import { presentDriverDelivery } from './present-delivery.ts';

/**
 * The one delivery event (`delivery.updated`): the driver's contactless view, to the district, the
 * compound, the vehicle carrying the parcel and — when it just left one — the vehicle that had it.
 */
export function deliveryEvent(
  ctx: DeliveryContext,
  actorId: string | null,
  extra: { previousVehicleId?: string | null; reason?: string } = {},
): NewDomainEvent<'delivery.updated'> {
  const vehicles = [ctx.delivery.vehicleId, extra.previousVehicleId].filter((v): v is string => Boolean(v));
  return {
    type: 'delivery.updated',
    payload: {
      ...presentDriverDelivery(ctx),
      ...(extra.previousVehicleId !== undefined ? { previousVehicleId: extra.previousVehicleId } : {}),
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
    },
    actorId,
    recipients: [
      rooms.district(ctx.compound.districtId),
      rooms.compound(ctx.compound.id),
      ...[...new Set(vehicles)].map(rooms.vehicle),
    ],
  };
}
