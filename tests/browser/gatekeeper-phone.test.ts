import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LegView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { gone, reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { bookDialysisRoundTrip, cityToday, en, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');
const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

/** The gate list's times, in the order the page shows them (every group, top to bottom). */
async function shownTimes(page: Page): Promise<number[]> {
  const values = await page
    .locator('main section.gate-group li.gate-item .gate-time time')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  return values.map((value) => Date.parse(value));
}

describe.skipIf(!hasChromium)("the gatekeeper's phone: the gate list and the roster", () => {
  const world = useBrowserWorld();
  const at = new Date(`${cityToday().date}T09:00:00+08:00`);
  let nearOutbound = '';

  beforeAll(async () => {
    const { server, city } = world;
    // The day stands at 09:00 city time on the server and on every phone (tests/support/clock.ts):
    // the 09:35 session is the car at the gate now, whatever hour the test runs at.
    server.clock.set(at);
    const later = await bookDialysisRoundTrip(server, city, { name: '张伟', startTime: '16:00' });
    const near = await bookDialysisRoundTrip(server, city, { name: '李秀英', startTime: '09:35' });
    nearOutbound = near.legIds.outbound;
    // The car is at the gate for the near session: the driver accepted, set off and arrived.
    const driver = await loginAs(server, city.people.driver.username, city.people.driver.password);
    for (const step of ['accept', 'en-route', 'at-pickup']) {
      const leg = await api<LegView>(server, 'GET', `/api/v1/legs/${nearOutbound}`, { token: driver });
      const res = await api(server, 'POST', `/api/v1/legs/${nearOutbound}/${step}`, {
        token: driver,
        body: { version: leg.body.version, lng: city.compound.gate.lng, lat: city.compound.gate.lat },
      });
      expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    // The afternoon trip is accepted too: accepted is not "at the gate", its "out" opens near its time.
    const accepted = await api<LegView>(server, 'GET', `/api/v1/legs/${later.legIds.outbound}`, {
      token: driver,
    });
    const res = await api(server, 'POST', `/api/v1/legs/${later.legIds.outbound}/accept`, {
      token: driver,
      body: { version: accepted.body.version },
    });
    expect(res.status, `accept: ${JSON.stringify(res.body)}`).toBe(200);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 390×844) lists the day in time order by now/next/later; "out" only where the car is at the gate`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.gatekeeper, {
        locale,
        device: PHONE,
        clockAt: at,
      });
      onTestFailed(() => captureScreens(`gatekeeper-phone-${label}`, { gatekeeper: page }));
      await page.goto('/gatekeeper');
      await page.locator('li.gate-item').nth(3).waitFor();
      await settled(page);

      // The header and the sub-navigation leave most of the first screen to the list.
      const firstCard = await page.locator('li.gate-item').first().boundingBox();
      expect(firstCard?.y ?? 999).toBeLessThan(844 * 0.45);
      // Cards are compact: the next one starts on the first screen too.
      const secondCard = await page.locator('li.gate-item').nth(1).boundingBox();
      expect(secondCard?.y ?? 999).toBeLessThan(844);
      const times = await shownTimes(page);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // The car waiting at the gate is "now", at the top; only it offers "out".
      const now = page.locator('section.gate-group[data-group="now"]');
      await shows(now.getByRole('button', { name: say('gate.out') }));
      expect(await page.getByRole('button', { name: say('gate.out') }).count()).toBe(1);
      // The accepted afternoon trip says when it opens instead.
      const afternoon = page
        .locator('section.gate-group[data-group="later"] li.gate-item[data-direction="outbound"]')
        .filter({ hasText: '张伟' });
      const [opens = ''] = say('gate.outOpensAt', { at: '§' }).split('§');
      await reads(afternoon, opens.trim() || say('gate.outOpensAt', { at: '' }).trim(), { contains: true });

      // Every button and link a thumb hits on the list is at least 44 px tall.
      const targets = page.locator('main button:visible, main a:visible, header button:visible');
      for (let i = 0; i < (await targets.count()); i++) {
        const target = targets.nth(i);
        const size = await target.boundingBox();
        expect(size?.height ?? 0, `height of "${await target.textContent()}"`).toBeGreaterThanOrEqual(44);
      }

      await page.screenshot({ path: join(SCREENSHOTS, `gatekeeper-phone-${label}.png`) });
      expect(await seriousViolations(page)).toEqual([]);

      // The family's tracking link loads with the first opening of its panel (a chunk of its own).
      await now.locator('details.trip-people summary', { hasText: say('gate.trackLink') }).click();
      await shows(now.locator('[data-testid="tracking-link"]'));
      await page.context().close();
    });
  }

  it('(zh-CN) "放行出门" asks first, can be undone, and only then reaches the server', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.gatekeeper, { device: PHONE, clockAt: at });
    onTestFailed(() => captureScreens('gatekeeper-out', { gatekeeper: page }));
    const token = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    const status = async () =>
      (await api<LegView>(server, 'GET', `/api/v1/legs/${nearOutbound}`, { token })).body.status;
    await page.goto('/gatekeeper');
    const out = page.getByRole('button', { name: zh('gate.out') });
    await out.click();
    await out.waitFor({ state: 'detached' });
    // Asked, not yet done: cancel leaves everything as it was.
    await page.getByRole('button', { name: zh('common.cancel') }).click();
    await out.click();
    await page.getByRole('button', { name: zh('gate.confirmOutYes') }).click();
    await page.getByRole('button', { name: zh('gate.undo') }).click();
    await shows(out);
    expect(await status()).toBe('at_pickup');

    await out.click();
    await page.getByRole('button', { name: zh('gate.confirmOutYes') }).click();
    await shows(page.getByRole('button', { name: zh('gate.undo') }));
    await gone(page.getByRole('button', { name: zh('gate.undo') }));
    await expect.poll(status, { timeout: 15_000, interval: 200 }).toBe('on_board');
    await page.context().close();
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}) the roster is cards on a phone and a table on a desktop, with thumb-sized edit links`, async () => {
      const { server, browser, city } = world;
      for (const [device, name] of [
        [PHONE, 'phone'],
        [WIDE, 'desktop'],
      ] as const) {
        const page = await signIn(browser, server, city.people.gatekeeper, { locale, device, clockAt: at });
        onTestFailed(() => captureScreens(`roster-${name}-${label}`, { gatekeeper: page }));
        await page.goto('/gatekeeper/patients');
        const edit = page.getByRole('link', { name: say('roster.edit') }).first();
        await edit.waitFor();
        await settled(page);
        const table = await page.locator('table.roster-table').boundingBox();
        const viewport = device.viewport?.width ?? 0;
        expect(table?.width ?? 0).toBeLessThanOrEqual(viewport);
        const size = await edit.boundingBox();
        expect(size?.height ?? 0).toBeGreaterThanOrEqual(name === 'phone' ? 44 : 20);
        await page.screenshot({ path: join(SCREENSHOTS, `roster-${name}-${label}.png`) });
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      }
    });
  }
});
