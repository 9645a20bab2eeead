import type { Db } from '@lastmeter/db';
import type { DeliveryView, ParsedPrescriptionInput } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { recordEvents } from '../events/record-event.ts';
import { createDeliveryFromPrescription } from './create-delivery-from-prescription.ts';
import { presentDelivery } from './present-delivery.ts';

/**
 * A prescription entered by hand — the gatekeeper copying a paper list, or dispatch or a hospital desk
 * taking it down — becomes a delivery, in one transaction with its events.
 */
export async function createPrescription({
  db,
  actor,
  patientId,
  input,
  now,
  timeZone,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: ParsedPrescriptionInput;
  now: Date;
  timeZone: string;
}): Promise<DeliveryView> {
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
