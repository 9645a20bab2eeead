import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { launchBrowser } from './chromium.ts';
import { WEB_DIST } from './web-dist.ts';
import { type SeededDistrict, seedDistrict } from './world.ts';

export interface BrowserWorld {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly city: SeededDistrict;
}

function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the browser world is set up in beforeAll: use it inside a test');
  return value;
}

/**
 * For a describe block: a real server serving the built web app, one headless Chromium, and the seeded
 * district, started before its tests and stopped after them.
 */
export function useBrowserWorld(): BrowserWorld {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let city: SeededDistrict | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ webDist: WEB_DIST }), launchBrowser()]);
    city = await seedDistrict(server.app.db);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return ready(server);
    },
    get browser() {
      return ready(browser);
    },
    get city() {
      return ready(city);
    },
  };
}
