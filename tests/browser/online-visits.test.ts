import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OnlineVisitList, RequestView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium, PHONE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, cityToday, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/**
 * Care without a trip, end to end in the browser: a chronic patient's follow-up of today is served
 * online by default; the gatekeeper books it on a phone and gets the card to pass on; the hospital desk
 * starts the visit and records that the patient must come, which raises a trip request.
 */
describe.skipIf(!hasChromium)(
  'online visits: the gatekeeper books, the hospital desk records the outcome',
  () => {
    let stage: Stage;
    let server: TestServer;
    let city: SeededDistrict;
    let gatekeeperToken: string;
    const today = cityToday().date;

    beforeAll(async () => {
      stage = await startStage();
      server = stage.server;
      city = await seedDistrict(server.app.db);
      // The day runs on the server's clock from 09:00 city time (tests/support/clock.ts): the 10:00
      // follow-up is ahead at whatever hour the test runs.
      server.clock.set(`${today}T09:00:00+08:00`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      // The hospital's internet clinic: every day, all day, 15-minute places.
      const desk = await loginAs(server, city.people.hospital.username, city.people.hospital.password);
      const slots = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        service: 'general',
        weekday,
        startTime: '00:00',
        endTime: '23:59',
        capacity: 95,
      }));
      const published = await api(server, 'PUT', `/api/v1/hospitals/${city.hospital.id}/online-slots`, {
        token: desk,
        body: { slots },
      });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      gatekeeperToken = await loginAs(
        server,
        city.people.gatekeeper.username,
        city.people.gatekeeper.password,
      );
      const registered = await api<{ id: string }>(
        server,
        'POST',
        `/api/v1/compounds/${city.compound.id}/patients`,
        {
          token: gatekeeperToken,
          body: {
            name: '王秀兰',
            nationalId: validNationalId('1950-03-03', 'female'),
            phone: '13800001234',
            regularHospitalId: city.hospital.id,
            consent: { givenBy: '王秀兰', relation: 'self', purposes: ['transport'] },
            needs: [
              {
                kind: 'chronic',
                schedule: { visits: [{ date: today, startTime: '10:00', minutes: 30 }] },
              },
            ],
          },
        },
      );
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      const generated = await api(server, 'POST', '/api/v1/requests/generate', {
        token: gatekeeperToken,
        body: { date: today, compoundId: city.compound.id },
      });
      expect(generated.status, JSON.stringify(generated.body)).toBe(200);
    });
    afterAll(() => {
      server?.clock.reset();
      return stage?.stop();
    });

    it('(zh-CN, 390×844) the gatekeeper books the online visit and gets the card to read out or print', async () => {
      const page = await signIn(stage.browser, server, city.people.gatekeeper, { device: PHONE });
      onTestFailed(() => captureScreens('online-visit-gatekeeper', { gatekeeper: page }));
      await page.goto('/gatekeeper');
      await page.getByRole('link', { name: zh('gk.nav.care') }).click();
      const request = page.locator('ul.care-requests li', { hasText: '王秀兰' });
      await shows(request);
      await reads(request, zh('way.online_visit'), { contains: true });
      await request.getByRole('button', { name: zh('care.book') }).click();

      const card = page.locator('article.visit-card', { hasText: '王秀兰' });
      await shows(card);
      await reads(card.locator('h3'), zh('care.card.title', { hospital: '徐汇区中心医院' }), {
        contains: true,
      });
      const link = card.locator('a.join-link');
      expect((await link.textContent()) ?? '').toMatch(/\/v\/[A-Za-z0-9_-]{43}$/);
      await shows(card.getByRole('button', { name: zh('care.card.print') }));
      await shows(card.locator('.read-out'));
      await settled(page);
      // Nothing wider than the phone: the long link wraps.
      const box = await card.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(390);
      // The page itself never scrolls sideways (the sub-navigation scrolls within its bar).
      expect(await page.locator('body').evaluate((body) => body.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOTS, 'online-visit-gatekeeper-phone.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      const visits = await api<OnlineVisitList>(
        server,
        'GET',
        `/api/v1/online-visits?compoundId=${city.compound.id}&date=${today}`,
        {
          token: gatekeeperToken,
        },
      );
      expect(visits.body.items).toEqual([
        expect.objectContaining({
          status: 'booked',
          hospitalId: city.hospital.id,
          matchReason: { code: 'regular_hospital', params: expect.anything() },
        }),
      ]);

      // The family opens the link: hospital and time, no login, no name.
      const family = await stage.browser.newPage({ ...PHONE, baseURL: server.url });
      await family.goto(new URL((await link.textContent()) ?? '').pathname);
      await shows(family.getByText('徐汇区中心医院'));
      expect((await family.locator('main').textContent()) ?? '').not.toContain('王秀兰');
      await family.screenshot({ path: join(SCREENSHOTS, 'online-visit-join-phone.png') });
      await family.close();
      await page.context().close();
    });

    it('(zh-CN) the hospital desk starts the visit and records that the patient must come: a trip request is raised', async () => {
      const desk: Page = await signIn(stage.browser, server, city.people.hospital);
      onTestFailed(() => captureScreens('online-visit-desk', { desk }));
      await desk.goto('/hospital');
      const board = desk.locator('section.card', {
        has: desk.getByRole('heading', { name: zh('hospital.visits.title') }),
      });
      const row = board.locator('li', { hasText: zh('visitStatus.booked') });
      await shows(row);
      await row.getByRole('button', { name: zh('hospital.visits.start') }).click();
      const form = board.getByRole('form', { name: zh('hospital.visits.outcome') });
      await shows(form);
      await form.getByLabel(zh('visitStatus.needs_on_site')).check();
      await form.getByLabel(zh('hospital.visits.appointment')).fill(`${addDays(today, 1)}T10:00`);
      await form.getByLabel(zh('hospital.visits.note')).fill('需到院查血');
      await form.getByRole('button', { name: zh('hospital.visits.record') }).click();
      await shows(board.locator('li', { hasText: zh('visitStatus.needs_on_site') }));
      await settled(desk);
      await desk.screenshot({ path: join(SCREENSHOTS, 'online-visit-desk.png'), fullPage: true });
      expect(await seriousViolations(desk)).toEqual([]);

      const tomorrow = await api<RequestView[]>(
        server,
        'GET',
        `/api/v1/requests?compoundId=${city.compound.id}&date=${addDays(today, 1)}`,
        {
          token: gatekeeperToken,
        },
      );
      expect(tomorrow.body).toEqual([
        expect.objectContaining({
          patientName: '王秀兰',
          serveBy: 'trip',
          source: 'online_visit',
          hospitalId: city.hospital.id,
          windowEnd: new Date(`${addDays(today, 1)}T10:00:00+08:00`).toISOString(),
        }),
      ]);
      await desk.context().close();
    });
  },
);
