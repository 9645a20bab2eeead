import { complaints, hospitals } from '@lastmeter/db';
import type { ComplaintView, ResolveComplaintBody } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { errors } from '../../errors.ts';
import { authorizeRecord } from '../authorize.ts';
import type { UseCase } from '../use-case.ts';
import { presentComplaint } from './present-complaint.ts';

/** Dispatch records what came of a complaint; a refusal's outcome is its incident's resolution. */
export async function resolveComplaint(
  use: UseCase & { complaintId: string; input: ResolveComplaintBody },
): Promise<ComplaintView> {
  const { db, actor, complaintId, input, now, timeZone } = use;
  const [found] = await db.select().from(complaints).where(eq(complaints.id, complaintId));
  // A complaint without a district (filed city-wide) is the admin's.
  const current = await authorizeRecord(db, actor, {
    name: 'Complaint',
    id: complaintId,
    row: found,
    seen: (c) => (c.districtId ? { kind: 'dispatch', districtId: c.districtId } : { kind: 'city' }),
    action: 'write',
  });
  if (current.incidentId)
    throw errors.conflict('A refusal is resolved through its incident', { incidentId: current.incidentId });
  if (current.status === 'resolved')
    throw errors.conflict('The complaint is already resolved', { complaintId });
  const [row] = await db
    .update(complaints)
    .set({ status: 'resolved', outcome: input.outcome, resolvedAt: now, resolvedBy: actor.accountId })
    .where(eq(complaints.id, complaintId))
    .returning();
  if (!row) throw errors.notFound('Complaint');
  const [hospital] = await db
    .select({ name: hospitals.name })
    .from(hospitals)
    .where(eq(hospitals.id, row.hospitalId));
  return presentComplaint({ ...row, hospitalName: hospital?.name ?? '' }, timeZone);
}
