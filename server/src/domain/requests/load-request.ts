import { careNeeds, compounds, type Db, patients, requests } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';
import { authorizeCompound } from '../patients/load-scope.ts';
import { type Action, can } from '../policies.ts';
import { recordAudit } from '../record-audit.ts';

export interface LoadedRequest {
  request: typeof requests.$inferSelect;
  patient: typeof patients.$inferSelect;
  districtId: string;
  /** The need it serves (schedule-generated requests), for the rule of the three ways. */
  need: Pick<typeof careNeeds.$inferSelect, 'kind' | 'schedule' | 'serveBy'> | null;
}

/**
 * Requests with their patient, district and need, in one query: add `where` (and any join that
 * narrows them), then turn each row into a `LoadedRequest` with `toLoadedRequest`.
 */
export function selectLoadedRequests(db: Db) {
  return joinPatientCompound(
    db
      .select({
        request: requests,
        patient: patients,
        districtId: compounds.districtId,
        needKind: careNeeds.kind,
        needSchedule: careNeeds.schedule,
        needServeBy: careNeeds.serveBy,
      })
      .from(requests)
      .$dynamic(),
    requests.patientId,
  ).leftJoin(careNeeds, eq(careNeeds.id, requests.needId));
}

export function toLoadedRequest(
  row: Awaited<ReturnType<typeof selectLoadedRequests>>[number],
): LoadedRequest {
  return {
    request: row.request,
    patient: row.patient,
    districtId: row.districtId,
    need: row.needKind
      ? { kind: row.needKind, schedule: row.needSchedule ?? {}, serveBy: row.needServeBy ?? null }
      : null,
  };
}

/**
 * Loads a request for `action` on the compound's (or district's) requests. Outside the caller's read
 * scope it does not exist for them (404); inside it, a refused action is a 403. Both are audited.
 */
export async function loadRequestFor(
  db: Db,
  actor: Actor,
  requestId: string,
  action: Action,
  auditAction: string,
): Promise<LoadedRequest> {
  const [row] = await selectLoadedRequests(db).where(eq(requests.id, requestId));
  const resource = row && {
    kind: 'request' as const,
    districtId: row.districtId,
    compoundId: row.patient.compoundId,
  };
  if (!row || !resource || !can(actor, 'read', resource)) {
    await recordAudit(db, {
      actor,
      action: auditAction,
      entity: 'request',
      entityId: requestId,
      outcome: 'denied',
    });
    throw errors.notFound('Request');
  }
  await authorize(db, actor, action, resource, { entity: 'patient', entityId: row.patient.id });
  return toLoadedRequest(row);
}

/**
 * A compound whose requests the actor may read, for a list of them (its requests, its online visits):
 * 404 outside the caller's scope, audited as `audit` says.
 */
export function authorizeCompoundRequests(
  db: Db,
  actor: Actor,
  compoundId: string,
  audit: { entity: string; detail?: Record<string, unknown> },
) {
  return authorizeCompound(
    db,
    actor,
    compoundId,
    'read',
    (c) => ({ kind: 'request', districtId: c.districtId, compoundId: c.id }),
    audit,
  );
}
