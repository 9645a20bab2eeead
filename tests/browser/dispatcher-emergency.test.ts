import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { bookDialysisRoundTrip, cityToday, en, takeSteps, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

describe.skipIf(!hasChromium)('dispatch hears of emergencies and incidents with who, where and what', () => {
  const world = useBrowserWorld();
  // The day stands at 09:00 city time on the server and in every browser (tests/support/clock.ts):
  // the 09:35 session's car is at the gate now, whatever hour the test runs at.
  const at = new Date(`${cityToday().date}T09:00:00+08:00`);

  // A refusal at the hospital on forbidden grounds: the patient is aboard, dispatch must act.
  beforeAll(async () => {
    const { server, city } = world;
    server.clock.set(at);
    const trip = await bookDialysisRoundTrip(server, city, { name: '李秀英', startTime: '09:35' });
    const leg = trip.legIds.outbound;
    const driver = await loginAs(server, city.people.driver.username, city.people.driver.password);
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const there = { lng: city.hospital.lng, lat: city.hospital.lat };
    await takeSteps(server, leg, [
      [driver, 'accept', there],
      [driver, 'en-route', there],
      [driver, 'at-pickup', there],
      [gatekeeper, 'out', there],
      [driver, 'refused-at-gate', { ...there, reason: 'test_result', note: '要求48小时核酸' }],
    ]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  const LOCALES = [
    { locale: 'zh-CN', label: 'zh-CN', say: zh },
    { locale: 'en-US', label: 'en', say: en },
  ] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 1440×900) an incident names the patient, the hospital and the reason, and shows its trip on the map`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.dispatcher, {
        locale,
        device: WIDE,
        clockAt: at,
      });
      onTestFailed(() => captureScreens(`incident-${label}`, { dispatcher: page }));
      await page.goto('/dispatcher');
      const incident = page.locator('ul.incident-list > li[data-kind="refused_at_gate"]');
      await incident.waitFor();
      const facts = incident.locator('dl.incident-facts');
      await reads(facts, '李*英', { contains: true });
      await reads(facts, city.hospital.name, { contains: true });
      await reads(facts, say('driver.refusal.test_result'), { contains: true });
      await reads(facts, city.vehicle.plate, { contains: true });

      await incident.getByRole('button', { name: say('dispatch.incidents.showLeg') }).click();
      await reads(page.locator('.selection h3'), say('dispatch.leg.title', { name: '李*英' }), {
        contains: true,
      });
      // MapLibre's own controls speak the page's language.
      expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe(say('map.zoomIn'));
      await settled(page);
      await page.screenshot({ path: join(SCREENSHOTS, `dispatcher-incident-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('(zh-CN) a gatekeeper raises an emergency on the phone; the dispatcher gets a banner naming who, where and what, and a sound', async () => {
    const { server, browser, city } = world;
    const screens: Record<string, Page | undefined> = {};
    onTestFailed(() => captureScreens('emergency', screens));
    const dispatcher = await signIn(browser, server, city.people.dispatcher, { device: WIDE, clockAt: at });
    screens.dispatcher = dispatcher;
    // Counts the tones the page makes through the browser's own Web Audio (our code untouched).
    await dispatcher.context().addInitScript(`
      window.__tones = 0;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function () {
        window.__tones += 1;
        return create.call(this);
      };
    `);
    await dispatcher.goto('/dispatcher');
    await dispatcher.locator('ul.incident-list').waitFor();
    // A first touch on the page, as browsers require before a page may make a sound.
    await dispatcher.locator('.dispatch-panel h2').first().click();

    const gatekeeper = await signIn(browser, server, city.people.gatekeeper, { device: PHONE, clockAt: at });
    screens.gatekeeper = gatekeeper;
    await gatekeeper.goto('/gatekeeper');
    await gatekeeper.getByRole('button', { name: zh('emergency.raise') }).click();
    const form = gatekeeper.locator('form.emergency-form');
    // Submitting without a patient names the missing field.
    await form.getByRole('button', { name: zh('emergency.submit') }).click();
    await shows(form.getByText(zh('form.required')));
    const patient = form.getByLabel(zh('emergency.patient'));
    await patient.locator('option', { hasText: '李秀英' }).waitFor({ state: 'attached' });
    const value = await patient.locator('option', { hasText: '李秀英' }).getAttribute('value');
    await patient.selectOption(value ?? '');
    await gatekeeper.screenshot({ path: join(SCREENSHOTS, 'gatekeeper-emergency-zh-CN.png') });
    expect(await seriousViolations(gatekeeper)).toEqual([]);
    await form.getByRole('button', { name: zh('emergency.submit') }).click();
    await shows(gatekeeper.getByText(zh('emergency.raised', { name: '李秀英' })));

    const banner = dispatcher.locator('.emergency-banner');
    await reads(
      banner.locator('strong'),
      zh('emergency.banner', { who: '李*英', where: city.compound.name, what: zh('service.emergency') }),
    );
    // …and a sound.
    await expect.poll(() => dispatcher.evaluate('window.__tones'), { timeout: 15_000 }).toBeGreaterThan(0);
    await dispatcher.screenshot({ path: join(SCREENSHOTS, 'dispatcher-emergency-zh-CN.png') });
    expect(await seriousViolations(dispatcher)).toEqual([]);
    // "Show in the queue" brings the emergency request up in the queue.
    await banner.getByRole('button', { name: zh('emergency.show') }).click();
    await shows(dispatcher.locator('ul.queue-list li.urgent', { hasText: '李*英' }));
    await banner.getByRole('button', { name: zh('emergency.dismiss') }).click();
    await banner.waitFor({ state: 'detached' });
    await gatekeeper.context().close();
    await dispatcher.context().close();
  });
});
