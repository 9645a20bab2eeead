import { join } from 'node:path';
import { formatScheduleViolation } from '@lastmeter/shared';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
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

  it('(zh-CN, 1440×900) a passed pickup cannot be booked by hand without a word; planning says what to do next', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.dispatcher, { device: WIDE });
    onTestFailed(() => captureScreens('late-assign', { dispatcher: page }));
    await page.goto('/dispatcher');
    const date = page.getByLabel(zh('dispatch.date'));
    await date.fill(yesterday);
    await date.blur();
    const late = page
      .locator('ul.queue-list > li[data-timing="late"]')
      .filter({ hasText: zh('direction.outbound') })
      .first();
    await late.getByRole('button', { name: zh('dispatch.queue.assign') }).click();
    const form = page.locator('form.assign-form');
    const select = form.getByLabel(zh('dispatch.assign.vehicle'));
    const value = await select.locator('option', { hasText: city.vehicle.plate }).getAttribute('value');
    await select.selectOption(value ?? '');
    await form.getByRole('button', { name: zh('dispatch.assign.submit') }).click();
    // Refused, naming the rule and the patient — not booked silently.
    const [rule = ''] = formatScheduleViolation(
      { rule: 'in_the_past', params: { legs: '§' } },
      'zh-CN',
    ).split('§');
    await reads(form.locator('.plan-clash'), rule, { contains: true });
    await reads(form.locator('.plan-clash'), '周*国', { contains: true });

    // "Plan the day" lists the passed legs with the reason and the next step.
    await page.getByRole('tab', { name: zh('dispatch.tab.plan') }).click();
    await page.getByRole('button', { name: zh('dispatch.plan.run') }).click();
    const reasons = page.locator('.plan-result ul.reason-list > li');
    await shows(reasons.first(), { within: 120_000 });
    const outbound = reasons.filter({ hasText: zh('direction.outbound') });
    await reads(outbound, '周*国', { contains: true });
    await reads(outbound.locator('.next-step'), zh('next.window_passed'));
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
