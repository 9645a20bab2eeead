import { join } from 'node:path';
import type { LegView, TrackingLinkView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import { connectClient } from '../support/sockets.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { DESKTOP, hasChromium, PHONE } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, bookDialysisRoundTrip, cityToday } from './support/world.ts';

/** The public pages poll on an interval; waiting for what they show may take up to one refresh. */
const POLL_TIMEOUT = 45_000;

describe.skipIf(!hasChromium)('the people at home and the public', () => {
  const world = useBrowserWorld();

  it('the public crowding board shows what the hospital desk publishes, without a login, on a phone', async () => {
    const { browser, server, city } = world;
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    onTestFailed(() => captureScreens('crowding', { page }));
    await page.goto(`${server.url}/crowding`);
    const row = page.locator(`[data-hospital="${city.hospital.id}"]`);
    await reads(row.locator('.crowding-level'), '绿色（畅通）', { contains: true });

    const desk = await loginAs(server, city.people.hospital.username, city.people.hospital.password);
    const put = await api(server, 'PUT', `/api/v1/hospitals/${city.hospital.id}/status`, {
      token: desk,
      body: { crowding: 'full', status: 'diverting' },
    });
    expect(put.status).toBe(200);
    await row.and(page.locator('[data-crowding="full"]')).waitFor({ timeout: POLL_TIMEOUT });
    await reads(row.locator('.crowding-level'), '红色（饱和）', { contains: true });
    await reads(row, '暂停接收', { contains: true });
    await shows(page.getByRole('link', { name: '12320' }));
    await page.screenshot({ path: join(RESULTS_DIR, 'crowding-phone.png'), fullPage: true });
    await context.close();
    // The district's only hospital takes patients again for the tests after this one.
    await api(server, 'PUT', `/api/v1/hospitals/${city.hospital.id}/status`, {
      token: desk,
      body: { crowding: 'low', status: 'open' },
    });
  });

  it('a family opens the tracking link on a phone and sees the vehicle move as the driver reports positions', async () => {
    const { browser, server, city } = world;
    const booked = await bookDialysisRoundTrip(
      server,
      city,
      { name: '李秀英', startTime: '09:00' },
      {
        date: addDays(cityToday().date, 1),
      },
    );
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const made = await api<TrackingLinkView>(server, 'POST', `/api/v1/trips/${booked.tripId}/tracking-link`, {
      token: gatekeeper,
    });
    expect(made.status).toBe(200);
    const driverToken = await loginAs(server, city.people.driver.username, city.people.driver.password);
    const driver = await connectClient(server, driverToken);

    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const family: Page = await context.newPage();
    onTestFailed(() => captureScreens('tracking', { family }));
    try {
      await family.goto(made.body.url);
      await reads(family.locator('.track-phase'), '已安排，等待出发');
      await shows(family.getByText('李*英'));
      await shows(family.getByText(city.vehicle.plate));

      const leg = booked.legIds.outbound;
      // The job is tomorrow's: the server's clock stands at its planned pickup (tests/support/clock.ts),
      // so the driver's steps are judged as on the day, whenever the test runs.
      const dispatcher = await loginAs(
        server,
        city.people.dispatcher.username,
        city.people.dispatcher.password,
      );
      const legs = await api<LegView[]>(
        server,
        'GET',
        `/api/v1/districts/${city.district.id}/legs?date=${addDays(cityToday().date, 1)}`,
        { token: dispatcher },
      );
      const pickupAt = legs.body.find((l) => l.id === leg)?.plannedPickupAt;
      if (!pickupAt) throw new Error('the outbound leg has no planned pickup');
      server.clock.set(pickupAt);
      for (const step of ['accept', 'en-route']) {
        const res = await api(server, 'POST', `/api/v1/legs/${leg}/${step}`, {
          token: driverToken,
          body: {},
        });
        expect(res.status).toBe(200);
      }
      const report = (lng: number, lat: number) =>
        driver.socket.emitWithAck('position', { lng, lat, recordedAt: new Date().toISOString() });
      expect(await report(121.44, 31.18)).toMatchObject({ ok: true });
      const vehicle = family.getByTestId('track-vehicle');
      await vehicle.waitFor({ timeout: POLL_TIMEOUT });
      await reads(family.locator('.track-phase'), '车辆正在前往小区门口');
      const first = await vehicle.getAttribute('data-lng');
      expect(first).toBe('121.44');
      const firstBox = await vehicle.boundingBox();

      // The next report comes after the per-vehicle interval: the server's clock moves on by what its
      // own answer asks for, instead of the test sleeping.
      let moved = await report(121.432, 31.172);
      while (!moved.ok && moved.error.code === 'too_many_requests') {
        server.clock.advance((moved.error.retryAfterSeconds ?? 1) / 60);
        moved = await report(121.432, 31.172);
      }
      expect(moved).toMatchObject({ ok: true });
      await family
        .locator('[data-testid="track-vehicle"][data-lng="121.432"]')
        .waitFor({ timeout: POLL_TIMEOUT });
      const secondBox = await vehicle.boundingBox();
      expect(secondBox?.x).not.toBe(firstBox?.x);
      await shows(family.getByTestId('track-eta'));
      const text = await family.locator('main').innerText();
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain('李秀英');
      await family.screenshot({ path: join(RESULTS_DIR, 'tracking-phone.png'), fullPage: true });
    } finally {
      server.clock.reset();
      driver.close();
      await context.close();
    }
  });

  it('dispatch reads refusals and complaints by hospital and day', async () => {
    const { browser, server, city } = world;
    const dispatcher = await loginAs(
      server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    const created = await api(server, 'POST', `/api/v1/districts/${city.district.id}/complaints`, {
      token: dispatcher,
      body: {
        hospitalId: city.hospital.id,
        kind: 'delayed_treatment',
        source: 'hotline',
        description: '12320 转来：急诊等候过久',
      },
    });
    expect(created.status).toBe(201);
    const page = await signIn(browser, server, city.people.dispatcher, { device: DESKTOP });
    onTestFailed(() => captureScreens('complaints', { page }));
    await page.getByRole('link', { name: '投诉与拒诊' }).click();
    const totals = page.getByTestId('complaint-totals');
    await reads(totals, city.hospital.name, { contains: true });
    await reads(page.locator('main'), '12320 转来：急诊等候过久', { contains: true });
    await shows(page.getByRole('link', { name: '导出 CSV' }));
    await page.screenshot({ path: join(RESULTS_DIR, 'complaints.png'), fullPage: true });
    await page.context().close();
  });
});
