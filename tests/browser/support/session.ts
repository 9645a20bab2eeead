import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { DESKTOP } from './chromium.ts';
import { RESULTS_DIR } from './web-dist.ts';
import type { Person } from './world.ts';

export type BrowserLocale = 'zh-CN' | 'en-US';

/** A person at their own browser: a fresh context (no cookies), signed in through the login page. */
export async function signIn(
  browser: Browser,
  server: TestServer,
  person: Person,
  {
    locale = 'zh-CN',
    device = DESKTOP,
    timezoneId = 'Asia/Shanghai',
    clockAt,
  }: {
    locale?: BrowserLocale;
    device?: BrowserContextOptions;
    /** The device's own time zone; pages show city time whatever it is. */
    timezoneId?: string;
    /**
     * The device's clock stands at this instant (timers still run): set it to where the test set the
     * server's clock, so the page's "now" and the server's agree whatever hour the test runs at.
     */
    clockAt?: Date;
  } = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...device,
    locale,
    timezoneId,
    baseURL: server.url,
  });
  context.setDefaultTimeout(15_000);
  if (clockAt) await context.clock.setFixedTime(clockAt);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(person.username);
  await page.locator('input[name="password"]').fill(person.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** On failure, what each person's screen showed, under test-results/failures/ (gitignored). */
export async function captureScreens(name: string, pages: Record<string, Page | undefined>): Promise<void> {
  const dir = join(RESULTS_DIR, 'failures');
  mkdirSync(dir, { recursive: true });
  for (const [who, page] of Object.entries(pages)) {
    if (!page || page.isClosed()) continue;
    await page.screenshot({ path: join(dir, `${name}-${who}.png`), fullPage: true }).catch(() => undefined);
  }
}
