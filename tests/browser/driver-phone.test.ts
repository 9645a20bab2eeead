import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { accounts, hospitals } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createAccount, createVehicle } from '../support/factories.ts';
import { loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import {
  addDays,
  bookDialysisRoundTrip,
  cityToday,
  en,
  type Person,
  takeSteps,
  zh,
} from './support/world.ts';

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

/** A car of the district with its own driver, on duty all day. */
async function carWithDriver(
  world: ReturnType<typeof useBrowserWorld>,
  plate: string,
): Promise<{ vehicleId: string; driver: Person }> {
  const db = world.server.app.db;
  const vehicle = await createVehicle(db, world.city.district.id, {
    plate,
    wheelchairPlaces: 2,
    shiftStart: '00:00',
    shiftEnd: '23:59',
  });
  const account = await createAccount(db, 'driver', { vehicleId: vehicle.id });
  return { vehicleId: vehicle.id, driver: { username: account.username, password: account.password } };
}

describe.skipIf(!hasChromium)("the driver's phone: a real day of jobs", () => {
  const world = useBrowserWorld();
  const today = cityToday().date;
  const tomorrow = addDays(today, 1);
  // The server's clock at 09:00 city time: the 09:35 session's car can be let out, whatever the hour.
  const at = new Date(`${today}T09:00:00+08:00`);
  /** A driver whose only job is tomorrow's. */
  let tomorrowOnly: Person;
  /** A driver whose patient was refused at the hospital: aboard while dispatch decides. */
  let refused: Person;

  beforeAll(async () => {
    const { server, city } = world;
    server.clock.set(at);
    // Today's session in the afternoon (its return the same evening), tomorrow's early: tomorrow's pickup must never read as today's.
    await bookDialysisRoundTrip(server, city, { name: '李秀英', startTime: '15:00' });
    await bookDialysisRoundTrip(server, city, { name: '张伟', startTime: '07:00' }, { date: tomorrow });
    const db = server.app.db;
    await db.update(hospitals).set({ phone: '021-64041990' }).where(eq(hospitals.id, city.hospital.id));
    await db
      .update(accounts)
      .set({ phone: '13900001111' })
      .where(eq(accounts.username, city.people.gatekeeper.username));

    const early = await carWithDriver(world, '沪A·M5521');
    tomorrowOnly = early.driver;
    await bookDialysisRoundTrip(
      server,
      city,
      { name: '王建华', startTime: '08:00' },
      { date: tomorrow, vehicleId: early.vehicleId },
    );

    const second = await carWithDriver(world, '沪A·K3390');
    refused = second.driver;
    const trip = await bookDialysisRoundTrip(
      server,
      city,
      { name: '刘桂兰', startTime: '09:35' },
      { vehicleId: second.vehicleId },
    );
    const driverToken = await loginAs(server, refused.username, refused.password);
    const gateToken = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    await takeSteps(server, trip.legIds.outbound, [
      [driverToken, 'accept'],
      [driverToken, 'en-route'],
      [driverToken, 'at-pickup'],
      [gateToken, 'out'],
      [driverToken, 'refused-at-gate', { reason: 'test_result', note: '要求48小时核酸' }],
    ]);
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

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 390×844) a job of tomorrow carries its date and cannot be started today`, async () => {
      const { server, browser } = world;
      const page = await signIn(browser, server, tomorrowOnly, { locale, device: PHONE, clockAt: at });
      onTestFailed(() => captureScreens(`driver-tomorrow-${label}`, { driver: page }));
      await page.goto('/driver');
      const card = page.locator('article.job-card');
      await card.waitFor();
      await settled(page);
      expect(await card.getAttribute('data-other-day')).toBe('true');
      await reads(card.locator('.job-day'), label === 'zh-CN' ? '明天' : 'Tomorrow', { contains: true });
      // No step that starts the job: the card says when it opens instead (the server's own rule).
      expect(await card.locator('button.job-primary').count()).toBe(0);
      expect(await card.getByRole('button', { name: say('driver.step.accept') }).count()).toBe(0);
      const closed = card.locator('.job-closed');
      const [before = ''] = say('driver.opensOn', { day: '§' }).split('§');
      await reads(closed, before, { contains: true });
      await reads(closed, label === 'zh-CN' ? '明天' : 'Tomorrow', { contains: true });
      // Saying early that it cannot be done stays open: it helps dispatch.
      expect(await card.getByRole('button', { name: say('driver.step.decline') }).count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, `driver-tomorrow-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('(zh-CN, 390×844) a patient refused at the hospital is still the job at hand, waiting for dispatch', async () => {
    const { server, browser } = world;
    const page = await signIn(browser, server, refused, { device: PHONE, clockAt: at });
    onTestFailed(() => captureScreens('driver-refused', { driver: page }));
    await page.goto('/driver');
    const card = page.locator('article.job-card');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('refused_at_gate');
    await reads(card, '刘*兰', { contains: true });
    await reads(card.locator('p.alert-info'), zh('driver.waiting.dispatch'));
    expect(await page.getByText(zh('driver.noJobs')).count()).toBe(0);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

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
