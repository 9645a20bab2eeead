import { cityDateOf, type Overview } from '@lastmeter/shared';
import { loadCompound } from '../districts/load-compound.ts';
import { recordAudit } from '../record-audit.ts';
import type { UseCase } from '../use-case.ts';
import { buildOverview } from './build-overview.ts';

/** The overview of one compound: its patients, needs and requests, and the hospitals its requests go to. */
export async function getCompoundOverview(
  use: UseCase & { compoundId: string; date: string | undefined },
): Promise<Overview> {
  const { db, actor, compoundId, date, timeZone, now } = use;
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
