import { join } from 'node:path';
import { HttpSmsProvider } from '@lastmeter/server/domain/notices/http-sms-provider.ts';
import { createNoticeWorker } from '@lastmeter/server/domain/notices/notice-worker.ts';
import { queueEveningNotices } from '@lastmeter/server/domain/notices/queue-evening-notices.ts';
import { createLogger } from '@lastmeter/server/logger.ts';
import type { ComplaintReport, LegView, NoticeSettingsView, TrackingLinkView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import { startSmsGateway } from '../support/sms-gateway.ts';
import { connectClient } from '../support/sockets.ts';
import type { TestServer } from '../support/test-server.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { DESKTOP, hasChromium, PHONE } from './support/chromium.ts';
import { settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, bookDialysisRoundTrip, cityToday, type SeededDistrict } from './support/world.ts';

/** The public pages poll on an interval; waiting for what they show may take up to one refresh. */
const POLL_TIMEOUT = 45_000;

/** A leg's planned pickup, as dispatch sees it on the district's day. */
async function plannedPickup(
  server: TestServer,
  city: SeededDistrict,
  legId: string,
  date: string,
): Promise<string> {
  const dispatcher = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
  const legs = await api<LegView[]>(
    server,
    'GET',
    `/api/v1/districts/${city.district.id}/legs?date=${date}`,
    {
      token: dispatcher,
    },
  );
  const pickupAt = legs.body.find((l) => l.id === legId)?.plannedPickupAt;
  if (!pickupAt) throw new Error('the leg has no planned pickup');
  return pickupAt;
}

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
      const pickupAt = await plannedPickup(server, city, leg, addDays(cityToday().date, 1));
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
      const text = await family.locator('main').textContent();
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

  it("the gatekeeper keeps a household's text-notice wishes on a phone: a family number, quiet hours, opt-out", async () => {
    const { browser, server, city } = world;
    const booked = await bookDialysisRoundTrip(
      server,
      city,
      { name: '赵桂兰', startTime: '10:00' },
      { date: addDays(cityToday().date, 1) },
    );
    const page = await signIn(browser, server, city.people.gatekeeper, { device: PHONE });
    onTestFailed(() => captureScreens('notice-settings', { page }));
    await page.goto(`/gatekeeper/patients/${booked.patientId}`);
    const panel = page.getByTestId('notice-settings');
    await reads(panel.locator('h2'), '短信通知设置');
    // Booking the fixed return onto a car already wrote "return booked" for the household.
    await reads(page.getByTestId('patient-notices'), '返程已安排', { contains: true });
    await panel.getByLabel('家属手机号（选填）').fill('1390000');
    await panel.getByRole('button', { name: '保存通知设置' }).click();
    // The shared schema speaks before the server is asked.
    await shows(panel.locator('.field-error'));
    await panel.getByLabel('家属手机号（选填）').fill('13900001111');
    await panel.getByLabel('免打扰开始').fill('22:00');
    await panel.getByRole('button', { name: '保存通知设置' }).click();
    await reads(panel.getByRole('status'), '通知设置已保存');
    await reads(panel, '当前：139****1111', { contains: true });
    expect(await page.locator('body').evaluate((body) => body.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIR, 'notice-settings-phone.png'), fullPage: true });

    await panel.getByLabel('患者不接收短信（退订）').check();
    await panel.getByRole('button', { name: '保存通知设置' }).click();
    await reads(panel.getByRole('status'), '通知设置已保存');
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const saved = await api<NoticeSettingsView>(
      server,
      'GET',
      `/api/v1/patients/${booked.patientId}/notice-settings`,
      { token: gatekeeper },
    );
    expect(saved.body).toEqual({
      patientId: booked.patientId,
      optedOut: true,
      familyPhone: '139****1111',
      quietStart: '22:00',
      quietEnd: '07:00',
    });
    await page.context().close();
  });

  it("dispatch reads the district's text notices in English, with every attempt the SMS provider answered", async () => {
    const { browser, server, city } = world;
    const tomorrow = addDays(cityToday().date, 1);
    const booked = await bookDialysisRoundTrip(
      server,
      city,
      { name: '孙丽华', startTime: '11:00' },
      { date: tomorrow },
    );
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    // This household keeps no quiet hours, so its retry goes out whatever the hour the test runs.
    const quiet = await api(server, 'PUT', `/api/v1/patients/${booked.patientId}/notice-settings`, {
      token: gatekeeper,
      body: { quietStart: '00:00', quietEnd: '00:00' },
    });
    expect(quiet.status).toBe(200);
    const pickupAt = await plannedPickup(server, city, booked.legIds.outbound, tomorrow);
    const pickupTime = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(pickupAt));
    // The evening job and the sender, on a local SMS gateway that fails this household's first message
    // (the one with its pickup time) once and accepts everything else.
    let failed = false;
    const gateway = await startSmsGateway((req) => {
      if (failed || req.body.text?.includes(pickupTime) !== true) return { status: 200 };
      failed = true;
      return { status: 503 };
    });
    const evening = new Date(`${cityToday().date}T19:30:00+08:00`);
    try {
      await queueEveningNotices({
        db: server.app.db,
        date: tomorrow,
        timeZone: 'Asia/Shanghai',
        now: evening,
      });
      const sender = createNoticeWorker({
        db: server.app.db,
        provider: new HttpSmsProvider({
          url: gateway.url,
          key: 'k',
          signName: '最后一米',
          templates: {},
          timeoutMs: 5_000,
        }),
        logger: createLogger('silent'),
        timeZone: 'Asia/Shanghai',
        concurrency: 4,
      });
      const drain = async (at: Date) => {
        for (let round = 0; round < 20 && (await sender.runOnce(at)) > 0; round++);
      };
      await drain(evening);
      // An hour after the failed attempt was recorded (on the later of the machine's time and the round's):
      // past its backoff.
      await drain(new Date(Math.max(Date.now(), evening.getTime()) + 3_600_000));
    } finally {
      await gateway.close();
    }
    expect(failed).toBe(true);

    const page = await signIn(browser, server, city.people.dispatcher, { locale: 'en-US', device: DESKTOP });
    onTestFailed(() => captureScreens('district-notices', { page }));
    await page.getByRole('link', { name: 'Text notices' }).click();
    const table = page.getByTestId('district-notices');
    await shows(table.locator('tr[data-notice-kind="evening_before"]'));
    await settled(page);
    const retried = table.locator('tr[data-notice-status="sent"]', { hasText: 'Failed (HTTP 503)' });
    await reads(retried, 'Accepted by the SMS provider', { contains: true });
    await reads(retried, 'Evening before', { contains: true });
    const text = await table.textContent();
    expect(text).toContain('孙*华');
    expect(text).not.toContain('孙丽华');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');
    await page.getByLabel('Status').selectOption('sent');
    await shows(table.locator('tr[data-notice-status="sent"]'));
    expect(await table.locator('tr[data-notice-status]:not([data-notice-status="sent"])').count()).toBe(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'district-notices.png'), fullPage: true });
    await page.context().close();
  });

  it("dispatch records a family's complaint against a hospital in the web and writes down its outcome", async () => {
    const { browser, server, city } = world;
    const page = await signIn(browser, server, city.people.dispatcher, { device: DESKTOP });
    onTestFailed(() => captureScreens('record-complaint', { page }));
    await page.getByRole('link', { name: '投诉与拒诊' }).click();
    const form = page.getByTestId('record-complaint');
    await form.getByRole('button', { name: '登记' }).click();
    await shows(form.locator('.field-error'));
    await form.getByLabel('医院').selectOption(city.hospital.id);
    await form.getByLabel('类型').selectOption('vehicle_late');
    await form.getByLabel('来源').selectOption('family');
    await form.getByLabel('经过').fill('家属来电：返程车晚到四十分钟');
    await form.getByRole('button', { name: '登记' }).click();
    await reads(form.getByRole('status'), '已登记');
    const row = page.locator('tr[data-complaint]', { hasText: '家属来电：返程车晚到四十分钟' });
    await reads(row, '车辆迟到', { contains: true });
    await row.getByRole('button', { name: '记录处理结果' }).click();
    await row.getByLabel('处理结果').fill('已向车队核实，调整排班');
    await row.getByRole('button', { name: '记录处理结果' }).click();
    await reads(row, '已向车队核实，调整排班', { contains: true });

    const dispatcher = await loginAs(
      server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    const report = await api<ComplaintReport>(server, 'GET', '/api/v1/complaints/report', {
      token: dispatcher,
    });
    expect(report.body.complaints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'vehicle_late',
          source: 'family',
          status: 'resolved',
          outcome: '已向车队核实，调整排班',
          hospitalId: city.hospital.id,
        }),
      ]),
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'record-complaint.png'), fullPage: true });
    await page.context().close();
  });
});

describe.skipIf(!hasChromium)('a refusal at the hospital gate, from the driver to the report', () => {
  const world = useBrowserWorld();

  it("(en, 390×844) the driver's refusal form shows the rule and the 12320 hotline, and the refusal lands in dispatch's report", async () => {
    const { browser, server, city } = world;
    const tomorrow = addDays(cityToday().date, 1);
    const booked = await bookDialysisRoundTrip(
      server,
      city,
      { name: '周建军', startTime: '09:00' },
      { date: tomorrow },
    );
    const dispatcher = await loginAs(
      server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    const driverToken = await loginAs(server, city.people.driver.username, city.people.driver.password);
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const leg = booked.legIds.outbound;
    const pickupAt = await plannedPickup(server, city, leg, tomorrow);
    // Tomorrow's job, worked on the server's clock at its planned pickup (tests/support/clock.ts).
    server.clock.set(pickupAt);
    try {
      const at = { lng: 121.431, lat: 31.17 };
      for (const [step, token] of [
        ['accept', driverToken],
        ['en-route', driverToken],
        ['at-pickup', driverToken],
        ['out', gatekeeper],
      ] as const) {
        const res = await api(server, 'POST', `/api/v1/legs/${leg}/${step}`, { token, body: at });
        expect(res.status).toBe(200);
      }

      const page = await signIn(browser, server, city.people.driver, { locale: 'en-US', device: PHONE });
      onTestFailed(() => captureScreens('driver-refusal', { page }));
      await page.goto('/driver');
      const card = page.locator('article.job-card');
      await card.getByRole('button', { name: 'Refused at the hospital' }).click();
      const rights = card.getByTestId('refusal-rights');
      await reads(
        rights,
        'No test result, health code or symptom may be used to refuse or delay treatment.',
        { contains: true },
      );
      await shows(rights.getByRole('link', { name: 'Call 12320' }));
      expect(await rights.getByRole('link', { name: 'Call 12320' }).getAttribute('href')).toBe('tel:12320');
      expect(await page.locator('body').evaluate((body) => body.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(RESULTS_DIR, 'driver-refusal-phone.png'), fullPage: true });
      await card.getByLabel('Demanded a test result').check();
      await card.locator('form.step-form button[type="submit"]').click();

      await expect
        .poll(
          async () =>
            (
              await api<ComplaintReport>(server, 'GET', '/api/v1/complaints/report', { token: dispatcher })
            ).body.complaints.filter((c) => c.tripId === booked.tripId),
          { timeout: 30_000, interval: 250 },
        )
        .toEqual([
          expect.objectContaining({
            kind: 'refused_at_gate',
            source: 'driver',
            reason: 'test_result',
            forbiddenGround: true,
            hospitalId: city.hospital.id,
          }),
        ]);
      await page.context().close();
    } finally {
      server.clock.reset();
    }
  });
});
