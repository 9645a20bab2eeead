import { drivers, hospitals, legs, requests } from '@lastmeter/db';
import { BEFORE_BOARDING_LEG_STATUSES, type ReturnPickupView } from '@lastmeter/shared';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { type HospitalBoardQuery, loadHospitalBoard } from './authorize-hospital-board.ts';
import { presentLeg } from './present-leg.ts';

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The return pickups at a hospital's entrance around a day, soonest first: the day's and the next
 * day's, and the day before's still waiting (a patient kept overnight) — each with its masked patient,
 * vehicle and driver, so the desk knows who takes whom home and when.
 */
export async function listReturnPickups(query: HospitalBoardQuery): Promise<ReturnPickupView[]> {
  const { legs: pickups } = await loadHospitalBoard(query, {
    action: 'return_pickups.read',
    where: (day) =>
      and(
        eq(hospitals.id, query.hospitalId),
        eq(legs.direction, 'return'),
        inArray(legs.status, [...BEFORE_BOARDING_LEG_STATUSES]),
        gte(requests.date, shiftDate(day, -1)),
        lte(requests.date, shiftDate(day, 1)),
      ),
    orderBy: sql`coalesce(${legs.plannedPickupAt}, ${legs.pickupWindowStart}) asc nulls last, ${legs.id}`,
  });
  const driverIds = [...new Set(pickups.flatMap((c) => (c.leg.driverId ? [c.leg.driverId] : [])))];
  const crew = driverIds.length
    ? await query.db
        .select({ id: drivers.id, name: drivers.name, phone: drivers.phone })
        .from(drivers)
        .where(inArray(drivers.id, driverIds))
    : [];
  return pickups.map((c) => {
    const driver = crew.find((d) => d.id === c.leg.driverId);
    return {
      ...presentLeg(c, query.actor),
      driver: driver ? { name: driver.name, phone: driver.phone } : null,
    };
  });
}
