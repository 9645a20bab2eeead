import type { Db } from '@lastmeter/db';
import { cityDateOf, type Overview } from '@lastmeter/shared';
import type { Actor } from '../actor.ts';
import { loadCompound } from '../districts/load-compound.ts';
import { recordAudit } from '../record-audit.ts';
import { buildOverview } from './build-overview.ts';

/** The overview of one compound: its patients, needs and requests, and the hospitals its requests go to. */
export async function getCompoundOverview({
  db,
  actor,
  compoundId,
  date,
  timeZone,
  now,
}: {
  db: Db;
  actor: Actor;
  compoundId: string;
  date: string | undefined;
  timeZone: string;
  now: Date;
}): Promise<Overview> {
  const compound = await loadCompound(db, actor, compoundId, 'read');
  await recordAudit(db, {
    actor,
    action: 'read_overview',
    entity: 'compound',
    entityId: compoundId,
    outcome: 'allowed',
  });
  return buildOverview(db, {
    districtId: compound.districtId,
    compoundIds: [compoundId],
    date: date ?? cityDateOf(now, timeZone),
    timeZone,
  });
}
