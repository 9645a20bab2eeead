import { hospitals, incidents, trips } from '@lastmeter/db';
import { type IncidentView, type ResolveIncidentBody, rooms } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorizeRecord } from '../authorize.ts';
import { loadLegContext } from '../schedule/load-leg.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import type { UseCase } from '../use-case.ts';
import { applyLegStep } from './apply-leg-step.ts';
import { cancelReturnOf } from './cancel-leg.ts';
import { incidentPayload, presentIncident } from './present-incident.ts';
import { unbookLeg } from './unbook-leg.ts';

/**
 * Dispatch resolves an incident. For a refusal at a hospital gate it also decides the leg: `resume`
 * (admitted after all, or on to another hospital, which then expects the patient) or `cancel`.
 */
export async function resolveIncident(
  use: UseCase & { incidentId: string; input: ResolveIncidentBody },
): Promise<IncidentView> {
  const { db, actor, incidentId, input, now, timeZone } = use;
  const [found] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  const incident = await authorizeRecord(db, actor, {
    name: 'Incident',
    id: incidentId,
    row: found?.districtId ? { ...found, districtId: found.districtId } : undefined,
    seen: (i) => ({ kind: 'dispatch', districtId: i.districtId }),
    action: 'write',
  });
  if (incident.resolvedAt) throw errors.conflict('The incident is already resolved', { incidentId });
  if (input.action !== 'none' && !incident.legId)
    throw errors.field('body.action', 'this incident concerns no leg');
  if (input.hospitalId && input.action !== 'resume')
    throw errors.field('body.hospitalId', 'only with action `resume`');
  if (input.hospitalId) {
    const [hospital] = await db
      .select({ id: hospitals.id, status: hospitals.status })
      .from(hospitals)
      .where(eq(hospitals.id, input.hospitalId));
    if (!hospital) throw errors.field('body.hospitalId', 'is not a hospital');
  }

  const { row } = await db.transaction(async (tx) => {
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    if (incident.legId && input.action !== 'none') {
      let ctx = await loadLegContext(tx, incident.legId, { lock: true });
      if (!ctx) throw errors.notFound('Leg');
      if (input.action === 'resume') {
        if (input.hospitalId && input.hospitalId !== ctx.trip.hospitalId) {
          await tx.update(trips).set({ hospitalId: input.hospitalId }).where(eq(trips.id, ctx.trip.id));
        }
        await applyLegStep(tx, { actor, ctx, step: 'resume', note: input.resolution, now, timeZone });
        ctx = await loadLegContext(tx, incident.legId);
        if (!ctx) throw errors.notFound('Leg');
        await events.leg('leg.status_changed', ctx, ['vehicle', 'district']);
        await events.leg('arrival.expected', ctx, ['hospital']);
      } else {
        const cancelled = await unbookLeg(tx, events, {
          actor,
          ctx,
          step: 'cancel',
          reason: input.resolution,
        });
        await cancelReturnOf(tx, actor, cancelled, input.resolution, events);
      }
    }
    const [row] = await tx
      .update(incidents)
      .set({
        resolvedAt: now,
        resolvedBy: actor.accountId,
        resolution: input.resolution,
        detail: { ...incident.detail, action: input.action },
      })
      .where(eq(incidents.id, incidentId))
      .returning();
    if (!row) throw errors.notFound('Incident');
    await events.add('incident.resolved', incidentPayload(row), [
      rooms.district(incident.districtId as string),
      ...(row.hospitalId ? [rooms.hospital(row.hospitalId)] : []),
      ...(row.vehicleId ? [rooms.vehicle(row.vehicleId)] : []),
    ]);
    return { row, events: await events.commit() };
  });
  return presentIncident(row);
}
