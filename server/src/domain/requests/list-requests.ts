import { compounds, patients, requests } from '@lastmeter/db';
import type { RequestListQuery, RequestView } from '@lastmeter/shared';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import type { Acting } from '../use-case.ts';
import { authorizeCompoundRequests, selectLoadedRequests, toLoadedRequest } from './load-request.ts';
import { presentRequest } from './present-request.ts';

/**
 * A day's requests by compound or district. Without either, the caller's own scope: a gatekeeper's
 * compounds, a dispatcher's districts, everything for admin. Other roles get 403.
 */
export async function listRequests(use: Acting & { query: RequestListQuery }): Promise<RequestView[]> {
  const { db, actor, query } = use;
  const filters: SQL[] = [eq(requests.date, query.date)];
  if (query.compoundId) {
    const compound = await authorizeCompoundRequests(db, actor, query.compoundId, { entity: 'request' });
    filters.push(eq(patients.compoundId, compound.id));
  } else if (query.districtId) {
    await authorize(
      db,
      actor,
      'read',
      { kind: 'request', districtId: query.districtId, compoundId: null },
      { entity: 'request' },
    );
    filters.push(eq(compounds.districtId, query.districtId));
  } else if (actor.role === 'gatekeeper') {
    filters.push(
      inArray(
        patients.compoundId,
        actor.compoundIds.length ? actor.compoundIds : ['00000000-0000-0000-0000-000000000000'],
      ),
    );
  } else if (actor.role === 'dispatcher') {
    filters.push(
      inArray(
        compounds.districtId,
        actor.districtIds.length ? actor.districtIds : ['00000000-0000-0000-0000-000000000000'],
      ),
    );
  } else if (actor.role !== 'admin') {
    await recordAudit(db, { actor, action: 'read', entity: 'request', outcome: 'denied' });
    throw errors.forbidden();
  }
  const rows = await selectLoadedRequests(db)
    .where(and(...filters))
    .orderBy(asc(requests.windowStart), asc(requests.id));
  await recordAudit(db, {
    actor,
    action: 'list_requests',
    entity: 'request',
    outcome: 'allowed',
    detail: { query, count: rows.length },
  });
  return rows.map((r) => {
    const { request, patient, need } = toLoadedRequest(r);
    return presentRequest(actor, request, patient, need);
  });
}
