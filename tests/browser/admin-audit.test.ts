import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { accounts } from '@lastmeter/db';
import { loadActor } from '@lastmeter/server/domain/auth/load-actor.ts';
import { recordAudit } from '@lastmeter/server/domain/record-audit.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { cityToday, en, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/** The admin reads who did what in words: names, translated actions, the record kind, detail fields. */
describe.skipIf(!hasChromium)('the audit log reads as sentences, not codes', () => {
  let stage: Stage;
  let city: SeededDistrict;
  const legId = randomUUID();

  beforeAll(async () => {
    stage = await startStage();
    const { server } = stage;
    const db = server.app.db;
    city = await seedDistrict(db);
    await db
      .update(accounts)
      .set({ displayName: '王师傅' })
      .where(eq(accounts.username, city.people.driver.username));
    await db
      .update(accounts)
      .set({ displayName: '李门卫' })
      .where(eq(accounts.username, city.people.gatekeeper.username));
    // A gatekeeper's read, a driver's step and a code no catalogue knows yet, written as use cases do.
    const [driver] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, city.people.driver.username));
    const [gatekeeper] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, city.people.gatekeeper.username));
    const session = { id: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000) };
    const actor = await loadActor(db, driver?.id ?? '', session, '127.0.0.1');
    const keeper = await loadActor(db, gatekeeper?.id ?? '', session, '127.0.0.1');
    await recordAudit(db, [
      {
        actor: keeper,
        action: 'gate_schedule.read',
        entity: 'compound',
        entityId: city.compound.id,
        outcome: 'allowed',
        detail: { compoundId: city.compound.id, date: cityToday().date, legs: 2 },
      },
      {
        actor,
        action: 'leg.depart',
        entity: 'patient',
        entityId: randomUUID(),
        outcome: 'allowed',
        detail: { legId },
      },
      {
        actor,
        action: 'zone_map.redrawn',
        entity: 'zone_map',
        outcome: 'allowed',
        detail: { shapeCount: 3 },
      },
    ]);
  });
  afterAll(() => stage?.stop());

  for (const [locale, say] of [
    ['zh-CN', zh],
    ['en-US', en],
  ] as const) {
    it(`(${locale}) names the actor, translates the action and opens the detail as label → value`, async () => {
      const { server, browser } = stage;
      const page = await signIn(browser, server, city.people.admin, { locale, device: WIDE });
      onTestFailed(() => captureScreens(`admin-audit-${locale}`, { admin: page }));
      await page.goto('/admin/audit');
      await settled(page);
      const rows = page.locator('table.data-table tbody tr');
      await shows(rows.first());
      const zhPage = locale === 'zh-CN';

      const depart = rows.filter({ hasText: zhPage ? '司机出发' : 'Driver set off' });
      await shows(depart);
      await shows(depart.getByText('王师傅'));
      await shows(depart.getByText(say('role.driver')));
      await shows(depart.locator('td', { hasText: zhPage ? '患者' : 'Patient' }));
      // No raw codes or JSON anywhere in the table.
      const table = (await page.locator('table.data-table').textContent()) ?? '';
      for (const raw of ['leg.depart', 'gate_schedule.read', '{"', 'legId']) expect(table).not.toContain(raw);

      const gate = rows.filter({ hasText: zhPage ? '查看门岗日程' : 'Viewed the gate schedule' });
      await shows(gate.getByText('李门卫'));
      // The record reads as its name, here and in the detail, never as an id prefix.
      await shows(gate.locator('td', { hasText: city.compound.name }));
      expect(await gate.innerText()).not.toContain(city.compound.id.slice(0, 8));
      // An unknown code still reads as words.
      await shows(rows.filter({ hasText: 'Zone map redrawn' }));

      const detail = depart.locator('details.audit-detail');
      await detail.locator('summary').click();
      await shows(detail.locator('dt', { hasText: zhPage ? '行程段' : 'Leg' }));
      await shows(detail.locator('dd', { hasText: legId.slice(0, 8) }));

      const filter = page.getByLabel(say('admin.audit.entity'));
      expect(await filter.locator('option').first().textContent()).toBe(say('admin.audit.anyEntity'));
      expect(await page.getByLabel(say('admin.audit.entityId')).getAttribute('placeholder')).toBe(
        say('admin.audit.entityIdPlaceholder'),
      );
      await filter.selectOption('compound');
      await page.getByRole('button', { name: say('admin.audit.filter') }).click();
      await page.waitForURL(/entity=compound/);
      await shows(rows.filter({ hasText: zhPage ? '查看门岗日程' : 'Viewed the gate schedule' }));
      await rows.filter({ hasText: zhPage ? '司机出发' : 'Driver set off' }).waitFor({ state: 'detached' });
      await page.goto('/admin/audit');
      await settled(page);
      await page.locator('details.audit-detail').first().locator('summary').click();

      await page.screenshot({ path: join(SCREENSHOTS, `admin-audit-${locale}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
