import { type Db, hospitalSlots } from '@lastmeter/db';
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
