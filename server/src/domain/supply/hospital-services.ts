import { type Db, hospitalSlots } from '@lastmeter/db';
import type { Service } from '@lastmeter/shared';
import { inArray } from 'drizzle-orm';

/** The services each hospital offers: those with a capacity template. One query for any number of hospitals. */
export async function servicesOf(db: Db, hospitalIds: string[]): Promise<Map<string, Service[]>> {
  const result = new Map<string, Service[]>();
  if (!hospitalIds.length) return result;
  const rows = await db
    .selectDistinct({ hospitalId: hospitalSlots.hospitalId, service: hospitalSlots.service })
    .from(hospitalSlots)
    .where(inArray(hospitalSlots.hospitalId, hospitalIds))
    .orderBy(hospitalSlots.hospitalId, hospitalSlots.service);
  for (const row of rows) result.set(row.hospitalId, [...(result.get(row.hospitalId) ?? []), row.service]);
  return result;
}
