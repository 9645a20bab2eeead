import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { accounts, hospitals } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, bookDialysisRoundTrip, cityToday, en, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');
const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

/** The `datetime` of each upcoming job, in the order the list shows them. */
async function upcomingTimes(page: Page): Promise<number[]> {
  const values = await page.locator('ul.upcoming-list time').evaluateAll(
    // Runs in the page: the attribute the list renders from the API's instants.
    (nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''),
  );
  return values.map((value) => Date.parse(value));
}

describe.skipIf(!hasChromium)("the driver's phone: a real day of jobs", () => {
  const world = useBrowserWorld();
  const tomorrow = addDays(cityToday().date, 1);

  beforeAll(async () => {
    const { server, city } = world;
    // Today's session in the afternoon (its return the same evening), tomorrow's early: tomorrow's pickup must never read as today's.
    await bookDialysisRoundTrip(server, city, { name: '李秀英', startTime: '15:00' });
    await bookDialysisRoundTrip(server, city, { name: '张伟', startTime: '07:00' }, { date: tomorrow });
    const db = server.app.db;
    await db.update(hospitals).set({ phone: '021-64041990' }).where(eq(hospitals.id, city.hospital.id));
    await db
      .update(accounts)
      .set({ phone: '13900001111' })
      .where(eq(accounts.username, city.people.gatekeeper.username));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 390×844) shows the job at hand first with its step on screen, and dates tomorrow's jobs`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.driver, { locale, device: PHONE });
      onTestFailed(() => captureScreens(`driver-phone-${label}`, { driver: page }));
      await page.goto('/driver');
      const card = page.locator('article.job-card');
      await card.waitFor();
      await page.locator('ul.upcoming-list > li').nth(2).waitFor();
      await settled(page);

      // The job at hand is today's: no date on it. Its main step is on the first screen, thumb-sized.
      expect(await card.getAttribute('data-other-day')).toBeNull();
      const primary = card.locator('button.job-primary');
      expect(await primary.textContent()).toBe(say('driver.step.accept'));
      const main = await primary.boundingBox();
      expect(main).not.toBeNull();
      if (main) {
        expect(main.y + main.height).toBeLessThanOrEqual(844);
        expect(main.height).toBeGreaterThanOrEqual(44);
      }

      // Upcoming jobs in time order; tomorrow's carry their day.
      const times = await upcomingTimes(page);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const tomorrowJobs = page.locator('ul.upcoming-list .upcoming-day');
      expect(await tomorrowJobs.count()).toBe(2);
      expect(await tomorrowJobs.first().textContent()).toContain(label === 'zh-CN' ? '明天' : 'Tomorrow');

      // Calls to the gate and the hospital desk, and every control a thumb can hit (≥ 44 px).
      expect(await card.getByRole('link', { name: say('driver.callGate') }).getAttribute('href')).toBe(
        'tel:13900001111',
      );
      expect(await card.getByRole('link', { name: say('driver.callHospital') }).getAttribute('href')).toBe(
        'tel:02164041990',
      );
      const targets = page.locator(
        'main button:visible, main a:visible, main label.toggle, main select:visible, header button',
      );
      for (let i = 0; i < (await targets.count()); i++) {
        const target = targets.nth(i);
        const size = await target.boundingBox();
        const name = await target.textContent();
        expect(size?.height ?? 0, `height of "${name}"`).toBeGreaterThanOrEqual(44);
        expect(size?.width ?? 0, `width of "${name}"`).toBeGreaterThanOrEqual(44);
      }

      await page.screenshot({ path: join(SCREENSHOTS, `driver-phone-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('(zh-CN, 1440×900) shows the same board on a desktop, accessible', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.driver, { device: WIDE });
    onTestFailed(() => captureScreens('driver-desktop', { driver: page }));
    await page.goto('/driver');
    await page.locator('ul.upcoming-list > li').nth(2).waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'driver-desktop-zh-CN.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
