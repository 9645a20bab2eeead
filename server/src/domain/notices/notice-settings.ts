import { type Db, noticeSettings } from '@lastmeter/db';
import type { NoticeSettingsBody, NoticeSettingsView } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { maskPhone } from '../mask-identity.ts';
import { loadPatientFor } from '../patients/load-scope.ts';
import { recordAudit } from '../record-audit.ts';

const DEFAULTS = { optedOut: false, familyPhone: null, quietStart: '21:30', quietEnd: '07:00' };

function present(
  patientId: string,
  row: Partial<typeof noticeSettings.$inferSelect> | undefined,
): NoticeSettingsView {
  const s = { ...DEFAULTS, ...row };
  return {
    patientId,
    optedOut: s.optedOut,
    familyPhone: s.familyPhone ? maskPhone(s.familyPhone) : null,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
  };
}

/** A household's notice settings (opt-out, family number, quiet hours), as its gatekeeper keeps them. */
export async function getNoticeSettings({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}) {
  await loadPatientFor(db, actor, patientId, 'read', 'notice_settings.read');
  const [row] = await db.select().from(noticeSettings).where(eq(noticeSettings.patientId, patientId));
  return present(patientId, row);
}

/** The household asked for no texts, gave a family number, or wants other quiet hours. */
export async function updateNoticeSettings({
  db,
  actor,
  patientId,
  input,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: NoticeSettingsBody;
}): Promise<NoticeSettingsView> {
  await loadPatientFor(db, actor, patientId, 'write', 'notice_settings.update');
  const changes = {
    ...(input.optedOut !== undefined ? { optedOut: input.optedOut } : {}),
    ...(input.familyPhone !== undefined ? { familyPhone: input.familyPhone } : {}),
    ...(input.quietStart ? { quietStart: input.quietStart } : {}),
    ...(input.quietEnd ? { quietEnd: input.quietEnd } : {}),
    updatedBy: actor.accountId,
    updatedAt: new Date(),
  };
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(noticeSettings)
      .values({ patientId, ...changes })
      .onConflictDoUpdate({ target: noticeSettings.patientId, set: changes })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'notice_settings.update',
      entity: 'patient',
      entityId: patientId,
      outcome: 'allowed',
      detail: { fields: Object.keys(input).sort() },
    });
    return row;
  });
  return present(patientId, row);
}
