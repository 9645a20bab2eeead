import type { LegView } from '@lastmeter/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { launchBrowser } from './chromium.ts';
import { signIn } from './session.ts';
import { WEB_DIST } from './web-dist.ts';
import { type SeededDistrict, zh } from './world.ts';

/** A server serving the built web app, with a database of its own, and one Chromium. */
export interface Stage {
  server: TestServer;
  browser: Browser;
  stop: () => Promise<void>;
}

export async function startStage(): Promise<Stage> {
  const [server, browser] = await Promise.all([startTestServer({ webDist: WEB_DIST }), launchBrowser()]);
  return {
    server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * The district's dispatcher at the board, on `date` when given (else today), chosen with the page's own
 * date field; and an API token of the same person, to check what the server holds.
 */
export async function openDispatchBoard(
  { server, browser }: Stage,
  city: SeededDistrict,
  { date, timezoneId }: { date?: string; timezoneId?: string } = {},
): Promise<{ page: Page; token: string }> {
  const { username, password } = city.people.dispatcher;
  const token = await loginAs(server, username, password);
  const page = await signIn(browser, server, city.people.dispatcher, timezoneId ? { timezoneId } : {});
  await page.goto('/dispatcher');
  if (date) await page.getByLabel(zh('dispatch.date')).fill(date);
  return { page, token };
}

/** Every leg of the district's day, as the API presents it to dispatch (names masked). */
export async function districtLegs(
  server: TestServer,
  token: string,
  city: SeededDistrict,
  date: string,
): Promise<LegView[]> {
  const res = await api<LegView[]>(server, 'GET', `/api/v1/districts/${city.district.id}/legs?date=${date}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** One figure of a `<dl>`: the `<dd>` next to the `<dt>` that says `term`. */
export function figure(scope: Locator, term: string): Locator {
  return scope
    .locator('dl > div')
    .filter({ has: scope.page().getByText(term, { exact: true }) })
    .locator('dd');
}
