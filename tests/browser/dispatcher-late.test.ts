import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, bookDialysisRoundTrip, cityToday, en, zh } from './support/world.ts';

const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

describe.skipIf(!hasChromium)('late pickups are flagged in the queue with the next step', () => {
  const world = useBrowserWorld();
  // A day gone by: its pickups have passed whatever the hour the test runs.
  const yesterday = addDays(cityToday().date, -1);

  beforeAll(async () => {
    await bookDialysisRoundTrip(
      world.server,
      world.city,
      { name: '周建国', startTime: '09:00' },
      { date: yesterday, vehicleId: null },
    );
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 1440×900) an unbooked pickup whose time passed says so and what to do`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.dispatcher, { locale, device: WIDE });
      onTestFailed(() => captureScreens(`late-${label}`, { dispatcher: page }));
      await page.goto('/dispatcher');
      const date = page.getByLabel(say('dispatch.date'));
      await date.fill(yesterday);
      await date.blur();
      const late = page.locator('ul.queue-list > li[data-timing="late"]').first();
      await late.waitFor();
      await reads(late.locator('.timing-flag'), say('timing.late'), { contains: true });
      await reads(late.locator('.timing-flag'), say('timing.next.late'), { contains: true });
      await settled(page);
      await page.screenshot({ path: join(RESULTS_DIR, 'screenshots', `dispatcher-late-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
