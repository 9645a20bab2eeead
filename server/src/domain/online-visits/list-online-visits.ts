import { compounds, onlineVisits, patients } from '@lastmeter/db';
import type { OnlineVisitList, OnlineVisitListQuery } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { recordAudit } from '../record-audit.ts';
import { authorizeCompoundRequests } from '../requests/load-request.ts';
import type { Acting } from '../use-case.ts';
import { visitQuery } from './load-online-visit.ts';
import { presentOnlineVisit } from './present-online-visit.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A day's online visits: a hospital's (its desk's day), a compound's (its gatekeepers'), or without
 * either the caller's own scope — the desk's hospital, a gatekeeper's compounds, a dispatcher's districts.
 */
export async function listOnlineVisits(
  use: Acting & { query: OnlineVisitListQuery },
): Promise<OnlineVisitList> {
  const { db, actor, query } = use;
  const filters: SQL[] = [eq(onlineVisits.date, query.date)];
  const audit = (outcome: 'allowed' | 'denied', detail: Record<string, unknown>) =>
    recordAudit(db, { actor, action: 'list_online_visits', entity: 'online_visit', outcome, detail });
  const refuse = async (): Promise<never> => {
    await audit('denied', { query });
    throw errors.forbidden();
  };
  if (query.hospitalId) {
    // Only the hospital's desk (and admin) lists a hospital's visits across compounds.
    if (actor.role !== 'admin' && actor.hospitalId !== query.hospitalId) await refuse();
    filters.push(eq(onlineVisits.hospitalId, query.hospitalId));
  }
  if (query.compoundId) {
    const compound = await authorizeCompoundRequests(db, actor, query.compoundId, {
      entity: 'online_visit',
      detail: { query },
    });
    filters.push(eq(patients.compoundId, compound.id));
  }
  if (!query.hospitalId && !query.compoundId) {
    switch (actor.role) {
      case 'admin':
        break;
      case 'hospital':
        filters.push(eq(onlineVisits.hospitalId, actor.hospitalId ?? NO_ID));
        break;
      case 'gatekeeper':
        filters.push(inArray(patients.compoundId, actor.compoundIds.length ? actor.compoundIds : [NO_ID]));
        break;
      case 'dispatcher':
        filters.push(inArray(compounds.districtId, actor.districtIds.length ? actor.districtIds : [NO_ID]));
        break;
      case 'driver':
        return refuse();
      default:
        return exhaustive(actor.role);
    }
  }
  const rows = await visitQuery(db)
    .where(and(...filters))
    .orderBy(asc(onlineVisits.startsAt), asc(onlineVisits.id));
  await audit('allowed', { query, count: rows.length });
  return { items: rows.map((r) => presentOnlineVisit(actor, r)) };
}
