import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { drivers } from '@lastmeter/db';
import type { LegView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { type BrowserLocale, captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { gone, reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import {
  addDays,
  bookDialysisRoundTrip,
  cityToday,
  en,
  markEmergency,
  type SeededDistrict,
  seedDistrict,
  zh,
} from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/**
 * The hospital desk at 1440×900: an emergency marked, "确认到达" only on the patient who is on board
 * (the lifecycle's rule the server applies), booked / total per slot, and the returns leaving from its
 * entrance with their car, driver and time — tomorrow's with its day.
 */
describe.skipIf(!hasChromium)('the hospital desk carries a real day', () => {
  let stage: Stage;
  let city: SeededDistrict;
  const today = cityToday().date;
  const tomorrow = addDays(today, 1);
  let aboard: { tripId: string; legIds: { outbound: string; return: string } };
  let waiting: { tripId: string; legIds: { outbound: string; return: string } };

  beforeAll(async () => {
    stage = await startStage();
    const { server } = stage;
    city = await seedDistrict(server.app.db);
    await server.app.db.update(drivers).set({ name: '王师傅', phone: '13900001111' });
    aboard = await bookDialysisRoundTrip(server, city, { name: '陈国华', startTime: '08:00' });
    waiting = await bookDialysisRoundTrip(server, city, { name: '林秀英', startTime: '14:00' });
    await bookDialysisRoundTrip(server, city, { name: '赵志强', startTime: '09:00' }, { date: tomorrow });
    // The afternoon patient was sent as an emergency (the dispatcher's call; the desk must not miss it).
    await markEmergency(server, waiting.tripId);

    // The morning patient is let out of the gate and rides to the hospital, on the server's clock at
    // the planned pickup: each step through the API, as the driver's and the gate's phones send it.
    const driver = await loginAs(server, city.people.driver.username, city.people.driver.password);
    const gate = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    const leg = async () =>
      (await api<LegView>(server, 'GET', `/api/v1/legs/${aboard.legIds.outbound}`, { token: driver })).body;
    const first = await leg();
    if (!first.plannedPickupAt) throw new Error('the outbound leg has no planned pickup');
    server.clock.set(first.plannedPickupAt);
    for (const [step, token] of [
      ['accept', driver],
      ['en-route', driver],
      ['at-pickup', driver],
      ['out', gate],
    ] as const) {
      const current = await leg();
      const res = await api(server, 'POST', `/api/v1/legs/${current.id}/${step}`, {
        token,
        body: { version: current.version },
      });
      expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => stage?.stop());

  const openDesk = (locale: BrowserLocale) =>
    signIn(stage.browser, stage.server, city.people.hospital, { locale, device: WIDE });

  for (const [locale, say] of [
    ['zh-CN', zh],
    ['en-US', en],
  ] as const) {
    it(`shows the day as the desk needs it (${locale})`, async () => {
      const desk = await openDesk(locale);
      onTestFailed(() => captureScreens(`hospital-desk-${locale}`, { desk }));
      const arrivals = desk.locator('section.card', {
        has: desk.getByRole('heading', { name: say('hospital.arrivals.title') }),
      });
      const aboardRow = arrivals.locator('tbody tr', { hasText: /陈.华/ });
      const waitingRow = arrivals.locator('tbody tr', { hasText: /林.英/ });
      await reads(aboardRow, say('legStatus.on_board'), { contains: true });
      await shows(aboardRow.getByRole('button', { name: say('hospital.arrivals.confirm') }));
      // Assigned, still at home: nothing to confirm yet — but marked an emergency.
      await reads(waitingRow, say('legStatus.assigned'), { contains: true });
      expect(await waitingRow.getByRole('button').count()).toBe(0);
      expect(await waitingRow.getAttribute('data-urgency')).toBe('emergency');
      await reads(waitingRow.locator('.badge-emergency'), say('urgency.emergency'));

      // Booked / total: today's two round trips hold two of the slot's twenty places; tomorrow's none.
      const capacity = desk.locator('section.card', {
        has: desk.getByRole('heading', { name: say('hospital.capacity.title') }),
      });
      await reads(capacity.locator('td.slot-booked').first(), '2 / 20');

      // Returns from the entrance: who drives, when; tomorrow's with its day.
      const returns = desk.locator('section.card', {
        has: desk.getByRole('heading', { name: say('hospital.returns.title') }),
      });
      const rows = returns.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      for (const [masked, full] of [
        [/陈.华/, '陈国华'],
        [/林.英/, '林秀英'],
        [/赵.强/, '赵志强'],
      ] as const) {
        const row = returns.locator('tbody tr', { hasText: masked });
        await reads(row, city.vehicle.plate, { contains: true });
        await reads(row, '王师傅', { contains: true });
        // The desk sees the masked name only.
        expect(await row.textContent()).not.toContain(full);
      }
      const tomorrowRow = returns.locator('tbody tr', { hasText: /赵.强/ });
      await reads(tomorrowRow.locator('time'), say('day.tomorrow', { day: '' }).trim(), { contains: true });
      const todayRow = returns.locator('tbody tr', { hasText: /陈.华/ });
      expect(await todayRow.locator('time').textContent()).toMatch(/^\d{2}:\d{2}$/);
      // Soonest first: today's two before tomorrow's.
      expect(await rows.last().textContent()).toMatch(/赵.强/);

      await settled(desk);
      expect(await seriousViolations(desk)).toEqual([]);
      await desk.screenshot({ path: join(SCREENSHOTS, `hospital-desk-${locale}.png`), fullPage: true });
      await desk.context().close();
    });
  }

  it('confirms the arrival of the patient on board; the row leaves the board', async () => {
    const desk = await openDesk('zh-CN');
    onTestFailed(() => captureScreens('hospital-desk-confirm', { desk }));
    const outbound = (
      await api<LegView>(stage.server, 'GET', `/api/v1/legs/${aboard.legIds.outbound}`, {
        token: await loginAs(stage.server, city.people.hospital.username, city.people.hospital.password),
      })
    ).body;
    if (!outbound.plannedDropoffAt) throw new Error('the outbound leg has no planned drop-off');
    stage.server.clock.set(outbound.plannedDropoffAt);
    const row = desk.locator('tbody tr', { hasText: /陈.华/ }).filter({
      has: desk.getByRole('button', { name: zh('hospital.arrivals.confirm') }),
    });
    await row.getByRole('button', { name: zh('hospital.arrivals.confirm') }).click();
    await gone(row);
    await desk.context().close();
  });
});
