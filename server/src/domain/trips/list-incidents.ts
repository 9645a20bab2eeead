import { incidents } from '@lastmeter/db';
import type { IncidentQuery, IncidentView } from '@lastmeter/shared';
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import type { Acting } from '../use-case.ts';
import { presentIncident } from './present-incident.ts';

/** Dispatch's incident list: its districts (admin: all), newest first. */
export async function listIncidents(use: Acting & { query: IncidentQuery }): Promise<IncidentView[]> {
  const { db, actor, query } = use;
  if (query.districtId)
    await authorize(db, actor, 'read', { kind: 'dispatch', districtId: query.districtId });
  else if (actor.role !== 'admin' && actor.role !== 'dispatcher') throw errors.forbidden();
  const filters: SQL[] = [];
  if (query.districtId) filters.push(eq(incidents.districtId, query.districtId));
  else if (actor.role !== 'admin')
    filters.push(
      inArray(
        incidents.districtId,
        actor.districtIds.length ? actor.districtIds : ['00000000-0000-0000-0000-000000000000'],
      ),
    );
  if (query.open === true) filters.push(isNull(incidents.resolvedAt));
  const rows = await db
    .select()
    .from(incidents)
    .where(and(...filters))
    .orderBy(desc(incidents.openedAt))
    .limit(500);
  return rows.map(presentIncident);
}
