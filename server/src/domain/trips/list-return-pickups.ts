import { type Db, drivers, hospitals, legs, requests } from '@lastmeter/db';
import type { ReturnPickupView } from '@lastmeter/shared';
import { cityDateOf } from '@lastmeter/shared';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../record-audit.ts';
import { authorizeHospitalBoard } from './authorize-hospital-board.ts';
import { loadLegContexts } from './load-leg.ts';
import { presentLeg } from './present-leg.ts';

/** A return still to be picked up at the entrance: no patient aboard yet. */
const WAITING = ['planned', 'assigned', 'accepted', 'en_route', 'at_pickup', 'declined'] as const;

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The return pickups at a hospital's entrance around a day, soonest first: the day's and the next
 * day's, and the day before's still waiting (a patient kept overnight) — each with its masked patient,
 * vehicle and driver, so the desk knows who takes whom home and when.
 */
export async function listReturnPickups({
  db,
  actor,
  hospitalId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  hospitalId: string;
  date?: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<ReturnPickupView[]> {
  const board = await authorizeHospitalBoard(db, actor, hospitalId);
  const day = date ?? cityDateOf(now, timeZone);
  const contexts = await loadLegContexts(
    db,
    and(
      eq(hospitals.id, hospitalId),
      eq(legs.direction, 'return'),
      inArray(legs.status, [...WAITING]),
      gte(requests.date, shiftDate(day, -1)),
      lte(requests.date, shiftDate(day, 1)),
    ),
    {
      orderBy: sql`coalesce(${legs.plannedPickupAt}, ${legs.pickupWindowStart}) asc nulls last, ${legs.id}`,
    },
  );
  const visible = contexts.filter((c) => board.visibleTo(c.compound.districtId));
  const driverIds = [...new Set(visible.flatMap((c) => (c.leg.driverId ? [c.leg.driverId] : [])))];
  const crew = driverIds.length
    ? await db
        .select({ id: drivers.id, name: drivers.name, phone: drivers.phone })
        .from(drivers)
        .where(inArray(drivers.id, driverIds))
    : [];
  if (visible.length) {
    await recordAudit(db, {
      actor,
      action: 'return_pickups.read',
      entity: 'patient',
      entityId: null,
      outcome: 'allowed',
      detail: { hospitalId, date: day, legs: visible.length },
    });
  }
  return visible.map((c) => {
    const driver = crew.find((d) => d.id === c.leg.driverId);
    return { ...presentLeg(c, actor), driver: driver ? { name: driver.name, phone: driver.phone } : null };
  });
}
