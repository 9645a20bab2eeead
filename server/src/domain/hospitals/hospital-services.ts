import { type Db, hospitalSlotOverrides, hospitalSlots } from '@lastmeter/db';
import type { Service } from '@lastmeter/shared';
import { and, eq, inArray } from 'drizzle-orm';

/** The services each hospital offers on site: those with an on-site capacity template. One query for any number of hospitals. */
export async function servicesOf(db: Db, hospitalIds: string[]): Promise<Map<string, Service[]>> {
  const result = new Map<string, Service[]>();
  if (!hospitalIds.length) return result;
  const rows = await db
    .selectDistinct({ hospitalId: hospitalSlots.hospitalId, service: hospitalSlots.service })
    .from(hospitalSlots)
    .where(and(inArray(hospitalSlots.hospitalId, hospitalIds), eq(hospitalSlots.channel, 'on_site')))
    .orderBy(hospitalSlots.hospitalId, hospitalSlots.service);
  for (const row of rows) result.set(row.hospitalId, [...(result.get(row.hospitalId) ?? []), row.service]);
  return result;
}

/** The hours a newly offered service opens with, closed (capacity 0) until the desk publishes places. */
const NEW_SERVICE_SLOT = { startTime: '08:00', endTime: '17:00', capacity: 0 } as const;

/**
 * Sets what a hospital treats on site (its capabilities) inside the caller's transaction: a service
 * taken away loses its on-site template and date overrides, so matching no longer sends patients for
 * it; a service added gets a closed slot every weekday for the desk to open. Returns the services now.
 */
export async function setHospitalServices(tx: Db, hospitalId: string, wanted: readonly Service[]) {
  const current = (await servicesOf(tx, [hospitalId])).get(hospitalId) ?? [];
  const removed = current.filter((s) => !wanted.includes(s));
  const added = wanted.filter((s) => !current.includes(s));
  if (removed.length) {
    for (const table of [hospitalSlots, hospitalSlotOverrides]) {
      await tx
        .delete(table)
        .where(
          and(
            eq(table.hospitalId, hospitalId),
            eq(table.channel, 'on_site'),
            inArray(table.service, removed),
          ),
        );
    }
  }
  if (added.length) {
    await tx.insert(hospitalSlots).values(
      added.flatMap((service) =>
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          hospitalId,
          channel: 'on_site' as const,
          service,
          weekday,
          ...NEW_SERVICE_SLOT,
        })),
      ),
    );
  }
  return (await servicesOf(tx, [hospitalId])).get(hospitalId) ?? [];
}
