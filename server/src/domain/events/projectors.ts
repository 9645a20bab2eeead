import type { Db } from '@lastmeter/db';
import { projectComplaints } from '../complaints/project-complaints.ts';
import { projectNotices } from '../notices/project-notices.ts';
import type { RecordedEvent } from './record-event.ts';

/**
 * Code that keeps a table in step with domain events, inside the transaction that records them: a
 * projector's rows exist exactly when the change does, and its failure rolls the change back. A
 * projector writes only its own tables and never records events itself.
 */
export type Projector = (tx: Db, events: RecordedEvent[]) => Promise<void>;

export const projectors: Projector[] = [projectComplaints, projectNotices];

export async function runProjectors(tx: Db, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const project of projectors) await project(tx, events);
}
