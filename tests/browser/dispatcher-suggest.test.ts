import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskName } from '@lastmeter/server/domain/mask-identity.ts';
import { formatScheduleViolation } from '@lastmeter/shared';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { BUSY_DAY, seedBusyDistrict } from './support/busy-district.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { districtLegs } from './support/stage.ts';
import { reads } from './support/ui.ts';
import { REPO_ROOT, RESULTS_DIR } from './support/web-dist.ts';
import { bookDialysisRoundTrip, en, zh } from './support/world.ts';

const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', lang: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', lang: 'en', say: en },
] as const satisfies readonly {
  locale: BrowserLocale;
  label: string;
  lang: 'zh-CN' | 'en';
  say: typeof zh;
}[];

/**
 * The busy district's day: the stretcher patient 冯志强 waits for a vehicle no car on duty can carry
 * him in (the 120 ambulance is off), and 钱美玲 (walks) waits for any car. Manual assignment suggests
 * vehicles ranked by fit with their ETA, and names what keeps each of the others out.
 */
describe.skipIf(!hasChromium)('manual assignment suggests vehicles ranked by fit', () => {
  const world = useBrowserWorld();

  beforeAll(async () => {
    await seedBusyDistrict(world.server, world.city);
    await bookDialysisRoundTrip(
      world.server,
      world.city,
      { name: '钱美玲', startTime: '15:00', mobility: 'walk' },
      { date: BUSY_DAY, vehicleId: null },
    );
  });

  for (const { locale, label, lang, say } of LOCALES) {
    it(`(${label}, 1440×900) a stretcher patient: no car fits, each says why; the ambulance is off duty`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.dispatcher, { locale, device: WIDE });
      onTestFailed(() => captureScreens(`suggest-${label}`, { dispatcher: page }));
      await page.goto('/dispatcher');
      const date = page.getByLabel(say('dispatch.date'));
      await date.fill(BUSY_DAY);
      await date.blur();
      const row = page
        .locator('ul.queue-list > li', { hasText: '冯*强' })
        .filter({ hasText: say('direction.outbound') });
      await row.getByRole('button', { name: say('dispatch.queue.assign') }).click();
      const list = page.locator('form.assign-form ol.suggestion-list');
      await list.locator('li').first().waitFor();
      const items = list.locator('li');
      // Every vehicle of the district is ranked; none can take a stretcher patient.
      expect(await items.count()).toBe(4);
      expect(await list.locator('li[data-fit="fits"]').count()).toBe(0);
      const car = items.filter({ hasText: '沪A·X1207' });
      expect(await car.getAttribute('data-fit')).toBe('blocked');
      await reads(
        car.locator('.suggestion-rule'),
        formatScheduleViolation(
          { rule: 'vehicle_kind', params: { vehicle: '沪A·X1207', legs: '冯*强' } },
          lang,
        ),
      );
      await reads(
        items.filter({ hasText: '沪A·120J1' }).locator('.suggestion-rule'),
        say('dispatch.suggest.offDuty'),
      );
      // Each says when it could be at the pickup; no raw code or id anywhere.
      const [etaBefore = ''] = say('dispatch.suggest.eta', { time: '§' }).split('§');
      await reads(car, etaBefore, { contains: true });
      const text = (await list.textContent()) ?? '';
      expect(text).toMatch(/\d{1,2}:\d{2}/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(text).not.toMatch(/[a-z]+_[a-z]+/);
      expect(await car.getByRole('button').isDisabled()).toBe(true);
      // Forced through the dropdown anyway, the refusal names the rule and the patient, not an id.
      const form = page.locator('form.assign-form');
      const select = form.getByLabel(say('dispatch.assign.vehicle'));
      const value = await select.locator('option', { hasText: '沪A·X1207' }).getAttribute('value');
      await select.selectOption(value ?? '');
      await form.getByRole('button', { name: say('dispatch.assign.submit') }).click();
      await reads(
        form.locator('.plan-clash'),
        formatScheduleViolation(
          {
            rule: 'vehicle_kind',
            params: { vehicle: '沪A·X1207', legs: `冯*强 · ${say('direction.outbound')}` },
          },
          lang,
        ),
      );
      await settled(page);
      // The ranking on screen for the picture (the refusal stands below it).
      await list.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      const shot = join(RESULTS_DIR, 'screenshots', `dispatcher-suggest-${label}.png`);
      await page.screenshot({ path: shot });
      if (label === 'zh-CN') copyFileSync(shot, join(REPO_ROOT, 'docs/screenshots/dispatcher-suggest.png'));
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('(zh-CN) a walking patient: the best fit comes first, is chosen with one tap and booked', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.dispatcher, { device: WIDE });
    onTestFailed(() => captureScreens('suggest-book', { dispatcher: page }));
    await page.goto('/dispatcher');
    const date = page.getByLabel(zh('dispatch.date'));
    await date.fill(BUSY_DAY);
    await date.blur();
    const row = page
      .locator('ul.queue-list > li', { hasText: maskName('钱美玲') })
      .filter({ hasText: zh('direction.outbound') });
    await row.getByRole('button', { name: zh('dispatch.queue.assign') }).click();
    const first = page.locator('form.assign-form ol.suggestion-list > li').first();
    await first.waitFor();
    expect(await first.getAttribute('data-fit')).toBe('fits');
    const vehicleId = await first.getAttribute('data-vehicle-id');
    await first.getByRole('button').click();
    expect(await first.getByRole('button').getAttribute('aria-pressed')).toBe('true');
    // The dropdown follows the choice, and lists the same ranking.
    expect(await page.locator('form.assign-form select').inputValue()).toBe(vehicleId);
    await page
      .locator('form.assign-form')
      .getByRole('button', { name: zh('dispatch.assign.submit') })
      .click();
    const token = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
    await expect
      .poll(
        async () =>
          (await districtLegs(server, token, city, BUSY_DAY)).find(
            (l) => l.patient.name === maskName('钱美玲') && l.direction === 'outbound',
          )?.vehicle?.id,
        { timeout: 30_000 },
      )
      .toBe(vehicleId);
    await page.context().close();
  });
});
