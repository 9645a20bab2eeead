import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useBrowserWorld } from './support/browser-world.ts';
import { BUSY_DAY, seedBusyDistrict } from './support/busy-district.ts';
import { DESKTOP, hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { REPO_ROOT, RESULTS_DIR } from './support/web-dist.ts';
import { bookDialysisRoundTrip, en, zh } from './support/world.ts';

type RoleName = 'gatekeeper' | 'dispatcher' | 'driver' | 'hospital' | 'admin';

/**
 * Each role's main page, on the device it is used on (gate and driver on a 390×844 phone, the desks at
 * 1440×900), what shows that its data has loaded, and what the user does first. The dispatcher looks
 * at the busy district's planned day.
 */
const PAGES: Record<
  RoleName,
  {
    path: string;
    phone?: true;
    /** The desk's screen (1440×900): the dispatch console's map fills it beside the side panel. */
    wide?: true;
    ready: (page: Page) => Locator;
    open?: (page: Page) => Promise<void>;
  }
> = {
  gatekeeper: { path: '/gatekeeper', phone: true, ready: (page) => page.locator('li.gate-item') },
  dispatcher: {
    path: '/dispatcher',
    wide: true,
    ready: (page) => page.locator('.dispatch-map canvas'),
    open: async (page) => {
      const date = page.locator('input[type="date"]');
      await date.fill(BUSY_DAY);
      await date.blur();
      // The stretcher patient's legs wait in the queue: the day has loaded.
      await page.locator('ul.queue-list > li').first().waitFor();
    },
  },
  driver: { path: '/driver', phone: true, ready: (page) => page.locator('article.job-card') },
  hospital: { path: '/hospital', wide: true, ready: (page) => page.locator('table.arrivals tbody tr') },
  admin: { path: '/admin', wide: true, ready: (page) => page.locator('main h2') },
};
const LOCALES: readonly { locale: BrowserLocale; label: 'zh-CN' | 'en'; say: typeof zh }[] = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
];
const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

describe.skipIf(!hasChromium)("each role's page in zh-CN and English", () => {
  const world = useBrowserWorld();

  // After the world's own setup (hooks run in order): work for every role's page to show, and the
  // dispatcher's busy day.
  beforeAll(async () => {
    await bookDialysisRoundTrip(world.server, world.city, { name: '李秀英', startTime: '07:00' });
    await bookDialysisRoundTrip(world.server, world.city, { name: '张伟', startTime: '12:30' });
    await seedBusyDistrict(world.server, world.city);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const { locale, label, say } of LOCALES) {
    for (const [role, spec] of Object.entries(PAGES) as [RoleName, (typeof PAGES)[RoleName]][]) {
      it(`${role} (${label}): renders, is screenshotted, and has no serious accessibility violations`, async () => {
        const page = await signIn(world.browser, world.server, world.city.people[role], {
          locale,
          device: spec.phone ? PHONE : spec.wide ? WIDE : DESKTOP,
        });
        onTestFailed(() => captureScreens(`page-${role}-${label}`, { [role]: page }));
        await page.goto(spec.path);
        await spec.ready(page).first().waitFor({ state: 'visible' });
        await spec.open?.(page);
        await settled(page);
        expect(await page.locator('html').getAttribute('lang')).toBe(label);
        // The header's own words are in the page's language.
        expect(await page.locator('header nav').first().textContent()).toContain(say('nav.home'));

        const file = join(SCREENSHOTS, `${role}-${label}.png`);
        await page.screenshot({ path: file });
        if (label === 'zh-CN' && role !== 'admin') {
          mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
          copyFileSync(file, join(REPO_ROOT, 'docs/screenshots', `${role}.png`));
        }
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('the login page (zh-CN) has no serious accessibility violations', async () => {
    const context = await world.browser.newContext({
      ...DESKTOP,
      locale: 'zh-CN',
      baseURL: world.server.url,
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="username"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
