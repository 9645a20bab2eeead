import { projectComplaints } from './domain/complaints/project-complaints.ts';
import { setProjectors } from './domain/events/record-event.ts';
import { projectNotices } from './domain/notices/project-notices.ts';

/**
 * Puts in place the tables kept in step with domain events, in the transaction that records them
 * (`recordEvents`): a refusal at a gate becomes a complaint, a leg or online-visit event the
 * household's notices. Every process that records events calls it first: the server as it starts,
 * and the benchmarks and tests that work on a database without one.
 */
export function startProjections(): void {
  setProjectors([projectComplaints, projectNotices]);
}
