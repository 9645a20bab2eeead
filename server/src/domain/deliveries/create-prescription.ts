import type { DeliveryView, ParsedPrescriptionInput } from '@lastmeter/shared';
import { recordEvents } from '../events/record-event.ts';
import type { UseCase } from '../use-case.ts';
import { createDeliveryFromPrescription } from './create-delivery-from-prescription.ts';
import { presentDelivery } from './present-delivery.ts';

/**
 * A prescription entered by hand — the gatekeeper copying a paper list, or dispatch or a hospital desk
 * taking it down — becomes a delivery, in one transaction with its events.
 */
export async function createPrescription(
  use: UseCase & { patientId: string; input: ParsedPrescriptionInput },
): Promise<DeliveryView> {
  const { db, actor, patientId, input, now, timeZone } = use;
  return db.transaction(async (tx) => {
    const { delivery, events } = await createDeliveryFromPrescription({
      db: tx,
      actor,
      patientId,
      input,
      now,
      timeZone,
    });
    await recordEvents(tx, events);
    return presentDelivery(delivery, actor);
  });
}
