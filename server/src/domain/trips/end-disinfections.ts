import { type Db, vehicles } from '@lastmeter/db';
import { and, eq, lte } from 'drizzle-orm';
import { type RecordedEvent, recordEvents } from '../events/record-event.ts';
import { settleVehicles } from '../schedule/follow-legs.ts';

/**
 * A system sweep (no actor): every vehicle whose disinfection is over goes back to what its legs say
 * — `available`, or `on_job` if its driver already set off — and dispatch's map hears of it.
 * Vehicles are locked while settled, so sweeps on several nodes never announce one twice.
 */
export async function endDisinfections({ db, now }: { db: Db; now: Date }): Promise<RecordedEvent[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(eq(vehicles.status, 'disinfecting'), lte(vehicles.disinfectingUntil, now)));
    const events = await settleVehicles(tx, {
      vehicleIds: new Set(due.map((v) => v.id)),
      dirtied: new Set(),
      now,
      actorId: null,
    });
    return recordEvents(tx, events);
  });
}
