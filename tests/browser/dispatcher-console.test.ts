import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createHospital } from '../support/factories.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { BUSY_DAY, seedBusyDistrict } from './support/busy-district.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { reads } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { en, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');
const LOCALES = [
  { locale: 'zh-CN', label: 'zh-CN', say: zh },
  { locale: 'en-US', label: 'en', say: en },
] as const satisfies readonly { locale: BrowserLocale; label: string; say: typeof zh }[];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The boxes of the labels of one kind the map shows (decluttered ones are hidden). */
async function visibleLabels(page: Page, kind: 'hospital' | 'vehicle' | 'compound'): Promise<Box[]> {
  const labels = page.locator(`.maplibregl-marker:not([data-hidden="true"]) .map-label-${kind}`);
  const boxes: Box[] = [];
  for (let i = 0; i < (await labels.count()); i++) {
    const box = await labels.nth(i).boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

describe.skipIf(!hasChromium)('the dispatch console is map first', () => {
  const world = useBrowserWorld();

  beforeAll(async () => {
    await seedBusyDistrict(world.server, world.city);
    // A cluster of hospitals a few hundred metres apart: their names would pile up at district zoom.
    for (const [i, name] of [
      '华山医院徐汇院区',
      '龙华医院',
      '徐汇区牙病防治所',
      '徐汇区大华医院',
    ].entries()) {
      await createHospital(world.server.app.db, {
        districtId: world.city.district.id,
        name,
        lng: 121.4505 + i * 0.0012,
        lat: 31.1905 - i * 0.0004,
      });
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const { locale, label, say } of LOCALES) {
    it(`(${label}, 1440×900) a full-height map beside the panel, labelled vehicles, readable hospital names, a vehicle's details in the panel`, async () => {
      const { server, browser, city } = world;
      const page = await signIn(browser, server, city.people.dispatcher, { locale, device: WIDE });
      onTestFailed(() => captureScreens(`console-${label}`, { dispatcher: page }));
      await page.goto('/dispatcher');
      const date = page.getByLabel(say('dispatch.date'));
      await date.fill(BUSY_DAY);
      await date.blur();
      await page.locator('.dispatch-map canvas').waitFor();
      await page.locator('ul.queue-list > li').first().waitFor();
      await page.locator('.map-label-vehicle').first().waitFor();
      await settled(page);

      // The map starts near the top, fills the window's height and nothing of it is below the fold.
      const map = await page.locator('.dispatch-map .map-frame').boundingBox();
      const panel = await page.locator('.dispatch-panel').boundingBox();
      expect(map).not.toBeNull();
      expect(panel).not.toBeNull();
      if (!map || !panel) return;
      expect(map.y).toBeLessThan(150);
      expect(map.y + map.height).toBeLessThanOrEqual(900);
      expect(map.height).toBeGreaterThan(700);
      expect(map.width).toBeGreaterThan(850);
      // The panel stands beside the map, as tall.
      expect(panel.x).toBeGreaterThanOrEqual(map.x + map.width);
      expect(Math.abs(panel.y - map.y)).toBeLessThan(4);
      expect(panel.y + panel.height).toBeLessThanOrEqual(900);
      expect(await page.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')).toBe(
        true,
      );

      // Every vehicle is labelled with its plate, its kind and its state.
      const vehicleLabel = page.locator('.map-label-vehicle', { hasText: '沪B·V2088' });
      await reads(vehicleLabel, say('vehicleKindShort.requisitioned'), { contains: true });
      const status = await vehicleLabel.getAttribute('class');
      const state = /status-(\w+)/.exec(status ?? '')?.[1] ?? '';
      expect(['available', 'on_job', 'disinfecting', 'off']).toContain(state);
      await reads(vehicleLabel, say(`vehicleStatus.${state as 'available'}`), { contains: true });
      await reads(page.locator('.map-label-vehicle', { hasText: '沪A·120J1' }), '120', { contains: true });

      // Hospital names never overlap: those that would are hidden until the map is zoomed in.
      const hospitals = await visibleLabels(page, 'hospital');
      expect(hospitals.length).toBeGreaterThan(0);
      expect(hospitals.length).toBeLessThan(6);
      for (const [i, a] of hospitals.entries())
        for (const b of hospitals.slice(i + 1))
          expect(overlap(a, b), 'two hospital names overlap').toBe(false);
      const all = [
        ...hospitals,
        ...(await visibleLabels(page, 'vehicle')),
        ...(await visibleLabels(page, 'compound')),
      ];
      for (const [i, a] of all.entries())
        for (const b of all.slice(i + 1)) expect(overlap(a, b), 'two map labels overlap').toBe(false);

      await page.screenshot({ path: join(SCREENSHOTS, `dispatcher-console-${label}.png`) });

      // Clicking a vehicle shows its details at the top of the panel, on screen, with its jobs.
      await vehicleLabel.click();
      const selection = page.locator('.dispatch-panel .selection');
      await reads(selection.locator('h3'), '沪B·V2088', { contains: true });
      await reads(selection, say('vehicleKind.requisitioned'), { contains: true });
      const details = await selection.boundingBox();
      expect(details).not.toBeNull();
      if (details) {
        expect(details.x).toBeGreaterThanOrEqual(map.x + map.width);
        expect(details.y + Math.min(details.height, 200)).toBeLessThanOrEqual(900);
      }
      const job = selection.locator('ul.vehicle-jobs button').first();
      if (await job.count()) {
        // A job of the vehicle opens its leg: the trip is drawn on the map, its facts in the panel.
        await job.click();
        await reads(selection.locator('dl.facts'), say('dispatch.leg.route'), { contains: true });
      }
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
