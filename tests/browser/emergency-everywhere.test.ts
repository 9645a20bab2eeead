import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { vehicles } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { bookDialysisRoundTrip, cityToday, en, markEmergency, takeSteps, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');
const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

/**
 * Once an emergency trip is booked it must stand out wherever people look, not only in the queue: red
 * on the dispatcher's map, vehicle details and timeline, on the driver's card, in the gate list and on
 * the hospital's board — beside an ordinary trip of the same car that does not.
 */
describe.skipIf(!hasChromium)('an emergency trip is marked red everywhere', () => {
  const world = useBrowserWorld();
  // The day stands at 09:00 city time on the server and on every device (tests/support/clock.ts).
  const at = new Date(`${cityToday().date}T09:00:00+08:00`);

  beforeAll(async () => {
    const { server, city } = world;
    server.clock.set(at);
    const urgent = await bookDialysisRoundTrip(server, city, { name: '赵桂芳', startTime: '09:35' });
    await bookDialysisRoundTrip(server, city, { name: '钱志明', startTime: '16:00' });
    await markEmergency(server, urgent.tripId);
    // The car has taken the job and is on its way to the gate.
    const driver = await loginAs(server, city.people.driver.username, city.people.driver.password);
    await takeSteps(server, urgent.legIds.outbound, [
      [driver, 'accept'],
      [driver, 'en-route'],
    ]);
    // The car is based by the compound, so the dispatcher's map (fitted to the compound) shows it.
    await server.app.db
      .update(vehicles)
      .set({ baseLng: city.compound.gate.lng + 0.0005, baseLat: city.compound.gate.lat + 0.0005 })
      .where(eq(vehicles.id, city.vehicle.id));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 390×844) the driver's card of the emergency is marked`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.driver, { locale, device: PHONE, clockAt: at });
      onTestFailed(() => captureScreens(`emergency-driver-${label}`, { driver: page }));
      await page.goto('/driver');
      const card = page.locator('article.job-card');
      await card.waitFor();
      expect(await card.getAttribute('data-urgency')).toBe('emergency');
      await reads(card.locator('.badge-emergency'), say('urgency.emergency'));
      // The ordinary trip later in the day is not.
      const ordinary = page.locator('ul.upcoming-list .upcoming-job', { hasText: '钱*明' }).first();
      await ordinary.waitFor();
      expect(await ordinary.getAttribute('data-urgency')).toBe('scheduled');
      expect(await ordinary.locator('.badge-emergency').count()).toBe(0);
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`(${label}, 390×844) the gate list marks the emergency, not the ordinary trip`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.gatekeeper, {
        locale,
        device: PHONE,
        clockAt: at,
      });
      onTestFailed(() => captureScreens(`emergency-gate-${label}`, { gatekeeper: page }));
      await page.goto('/gatekeeper');
      // The gatekeeper knows the residents by name: the list is not masked.
      const urgent = page.locator('li.gate-item', { hasText: '赵桂芳' }).first();
      await urgent.waitFor();
      expect(await urgent.getAttribute('data-urgency')).toBe('emergency');
      await reads(urgent.locator('.badge-emergency'), say('urgency.emergency'));
      const ordinary = page.locator('li.gate-item', { hasText: '钱志明' }).first();
      expect(await ordinary.getAttribute('data-urgency')).toBe('scheduled');
      expect(await ordinary.locator('.badge-emergency').count()).toBe(0);
      await settled(page);
      await page.screenshot({ path: join(SCREENSHOTS, `emergency-gate-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`(${label}, 1440×900) the dispatcher's map, vehicle details and timeline show the emergency red`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.dispatcher, {
        locale,
        device: WIDE,
        clockAt: at,
      });
      onTestFailed(() => captureScreens(`emergency-map-${label}`, { dispatcher: page }));
      await page.goto('/dispatcher');
      await page.locator('.dispatch-map canvas').waitFor();
      // The car on its way to the emergency: a red label that says so.
      const marker = page.locator(
        '.maplibregl-marker:not([data-hidden="true"]) .map-label-vehicle.emergency',
        {
          hasText: city.vehicle.plate,
        },
      );
      await shows(marker);
      await reads(marker, say('urgency.emergency'), { contains: true });
      await marker.click();
      const job = page.locator('.dispatch-panel .selection ul.vehicle-jobs li.urgent');
      await reads(job.locator('.badge-emergency'), say('urgency.emergency'));
      await reads(job, '赵*芳', { contains: true });
      await job.first().getByRole('button').click();
      await reads(page.locator('.selection h3 .badge-emergency'), say('urgency.emergency'));

      await page.getByRole('tab', { name: say('dispatch.tab.timeline') }).click();
      const bars = page.locator('.timeline-bar.emergency');
      await shows(bars);
      expect(await bars.first().getAttribute('aria-label')).toMatch(
        new RegExp(`^${say('urgency.emergency')} · 赵\\*芳`),
      );
      expect(await page.locator('.timeline-bar:not(.emergency)', { hasText: '钱*明' }).count()).toBe(2);
      await settled(page);
      await page.screenshot({ path: join(SCREENSHOTS, `emergency-map-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it(`(${label}, 1440×900) the hospital board marks the emergency arriving`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.hospital, { locale, device: WIDE, clockAt: at });
      onTestFailed(() => captureScreens(`emergency-hospital-${label}`, { desk: page }));
      await page.goto('/hospital');
      const row = page.locator('table.arrivals tbody tr', { hasText: '赵*芳' }).first();
      await row.waitFor();
      expect(await row.getAttribute('data-urgency')).toBe('emergency');
      await reads(row.locator('.badge-emergency'), say('urgency.emergency'));
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
