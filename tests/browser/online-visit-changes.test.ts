import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { requests } from '@lastmeter/db';
import type { NoticeView, OnlineVisitView } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createPatient, validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium, PHONE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { cityToday, en, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/**
 * A booked online visit is moved by the gatekeeper on a phone (the family asked) and another is
 * cancelled by the hospital desk (the doctor cannot): each through the page's own buttons, and each
 * change reaches the household as a text notice with the new time or the cancellation.
 */
describe.skipIf(!hasChromium)(
  'online visits: the gatekeeper moves one, the hospital desk cancels one',
  () => {
    let stage: Stage;
    let server: TestServer;
    let city: SeededDistrict;
    let gatekeeperToken: string;
    const today = cityToday().date;
    const at = (time: string) => new Date(`${today}T${time}:00+08:00`).toISOString();
    const visits: Record<'moved' | 'cancelled', OnlineVisitView | undefined> = {
      moved: undefined,
      cancelled: undefined,
    };

    beforeAll(async () => {
      stage = await startStage();
      server = stage.server;
      city = await seedDistrict(server.app.db);
      mkdirSync(SCREENSHOTS, { recursive: true });
      // The server's day starts at 08:00, whenever the test runs: every time below is still ahead of it.
      server.clock.set(at('08:00'));
      const desk = await loginAs(server, city.people.hospital.username, city.people.hospital.password);
      // The internet clinic: every day, all day, 15-minute places.
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
      const consent = {
        givenBy: '本人',
        relation: 'self',
        at: at('08:00'),
        purposes: ['transport'],
        recordedBy: null,
      };
      for (const [key, name, birth] of [
        ['moved', '王秀兰', '1950-03-03'],
        ['cancelled', '李建华', '1948-07-07'],
      ] as const) {
        const patient = await createPatient(server.app.db, city.compound.id, {
          name,
          nationalId: validNationalId(birth, 'female'),
          regularHospitalId: city.hospital.id,
          gateId: city.compound.gate.id,
          consent,
        });
        const [request] = await server.app.db
          .insert(requests)
          .values({
            patientId: patient.id,
            service: 'general',
            date: today,
            windowStart: new Date(at('11:30')),
            windowEnd: new Date(at('12:00')),
            serveBy: 'online_visit',
          })
          .returning();
        const booked = await api<OnlineVisitView>(
          server,
          'POST',
          `/api/v1/requests/${request!.id}/online-visit`,
          {
            token: gatekeeperToken,
            body: {},
          },
        );
        expect(booked.status, JSON.stringify(booked.body)).toBe(201);
        visits[key] = booked.body;
      }
    }, 120_000);
    afterAll(() => stage?.stop());

    const noticesOf = async (visitId: string) =>
      (
        await api<NoticeView[]>(server, 'GET', `/api/v1/notices?onlineVisitId=${visitId}`, {
          token: gatekeeperToken,
        })
      ).body;

    it('(zh-CN, 390×844) the gatekeeper moves a visit to the afternoon; the card shows the new time and the family is told', async () => {
      const visit = visits.moved!;
      expect(visit.startsAt).toBe(at('11:30'));
      const page = await signIn(stage.browser, server, city.people.gatekeeper, { device: PHONE });
      onTestFailed(() => captureScreens('online-visit-move', { gatekeeper: page }));
      await page.goto('/gatekeeper');
      await page.getByRole('link', { name: zh('gk.nav.care') }).click();
      const card = page.locator('article.visit-card', { hasText: '王秀兰' });
      await shows(card);
      await reads(card.locator('.visit-time'), '11:30', { contains: true });
      await card.getByText(zh('care.change.title')).click();
      await card.getByLabel(zh('care.change.newTime')).fill(`${today}T15:00`);
      await card.getByRole('button', { name: zh('care.change.move') }).click();
      await reads(card.locator('.visit-time'), '15:00', { contains: true });
      await settled(page);
      expect(await page.locator('body').evaluate((body) => body.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOTS, 'online-visit-move-phone.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      const held = await api<OnlineVisitView>(server, 'GET', `/api/v1/online-visits/${visit.id}`, {
        token: gatekeeperToken,
      });
      expect(held.body).toMatchObject({ status: 'booked', startsAt: at('15:00') });
      const changed = (await noticesOf(visit.id)).filter((n) => n.kind === 'visit_changed');
      expect(changed).toHaveLength(1);
      expect(changed[0]?.body).toContain('15:00');
      await page.context().close();
    });

    it('(English) the hospital desk cancels a visit; the row says so and the family is told', async () => {
      const visit = visits.cancelled!;
      const desk = await signIn(stage.browser, server, city.people.hospital, { locale: 'en-US' });
      onTestFailed(() => captureScreens('online-visit-cancel', { desk }));
      await desk.goto('/hospital');
      const board = desk.locator('section.card', {
        has: desk.getByRole('heading', { name: en('hospital.visits.title') }),
      });
      const row = board.locator(`li[data-visit="${visit.id}"]`);
      await shows(row);
      await row.getByText(en('care.change.title')).click();
      await row.getByRole('button', { name: en('care.change.cancel') }).click();
      await row.getByRole('button', { name: en('care.change.cancelYes') }).click();
      await reads(row, en('visitStatus.cancelled'), { contains: true });
      await settled(desk);
      await desk.screenshot({ path: join(SCREENSHOTS, 'online-visit-cancel-desk.png'), fullPage: true });
      expect(await seriousViolations(desk)).toEqual([]);

      const cancelled = (await noticesOf(visit.id)).filter((n) => n.kind === 'visit_cancelled');
      expect(cancelled).toHaveLength(1);
      expect(cancelled[0]?.body).toContain('已取消');
      await desk.context().close();
    });
  },
);
