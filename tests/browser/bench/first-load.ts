/**
 * What each role's first page weighs and how soon it shows something on a slow 4G line: the built web
 * app served by the real server (compressed, as in production), real Chromium with the network
 * throttled through the DevTools protocol (Lighthouse's slow 4G: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s
 * up), cache disabled. Prints a table; never fails on a figure.
 *
 *   pnpm bench:web
 */
import { startTestServer } from '../../support/test-server.ts';
import { BUSY_DAY, seedBusyDistrict } from '../support/busy-district.ts';
import { launchBrowser, PHONE, WIDE } from '../support/chromium.ts';
import { signIn } from '../support/session.ts';
import buildWebIfStale, { WEB_DIST } from '../support/web-dist.ts';
import { bookDialysisRoundTrip, seedDistrict } from '../support/world.ts';

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const ROLES = [
  { role: 'gatekeeper', path: '/gatekeeper', device: PHONE },
  { role: 'driver', path: '/driver', device: PHONE },
  { role: 'hospital', path: '/hospital', device: WIDE },
  { role: 'dispatcher', path: '/dispatcher', device: WIDE },
  { role: 'admin', path: '/admin', device: WIDE },
] as const;

buildWebIfStale();
const server = await startTestServer({ webDist: WEB_DIST });
const browser = await launchBrowser();
try {
  const city = await seedDistrict(server.app.db);
  await bookDialysisRoundTrip(server, city, { name: '李秀英', startTime: '16:00' });
  await seedBusyDistrict(server, city);
  console.log(`busy day ${BUSY_DAY}; slow 4G: 150 ms RTT, 1.6 Mbit/s down; cache disabled\n`);
  console.log(
    '| role | device | first page JS (compressed) | its JS uncompressed | map JS after it | all bytes | first contentful paint | list or map ready |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const { role, path, device } of ROLES) {
    const page = await signIn(browser, server, city.people[role], { device });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    // Scripts of the page itself, and the map's (its lazy chunk and MapLibre's worker), which load after it.
    const kinds = new Map<string, 'page' | 'map' | 'other'>();
    const sizes = { js: 0, jsDecoded: 0, map: 0, all: 0 };
    cdp.on('Network.responseReceived', (event) => {
      const map = /DispatchMap-|^blob:/.test(event.response.url);
      kinds.set(event.requestId, event.type !== 'Script' ? 'other' : map ? 'map' : 'page');
    });
    cdp.on('Network.loadingFinished', (event) => {
      sizes.all += event.encodedDataLength;
      if (kinds.get(event.requestId) === 'page') sizes.js += event.encodedDataLength;
      if (kinds.get(event.requestId) === 'map') sizes.map += event.encodedDataLength;
    });
    cdp.on('Network.dataReceived', (event) => {
      if (kinds.get(event.requestId) === 'page') sizes.jsDecoded += event.dataLength;
    });
    const started = Date.now();
    await page.goto(path, { waitUntil: 'load' });
    const ready =
      role === 'dispatcher'
        ? '.dispatch-map canvas'
        : role === 'driver'
          ? 'article.job-card, .empty'
          : role === 'gatekeeper'
            ? 'li.gate-item, .empty'
            : 'main h2';
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    const readyMs = Date.now() - started;
    const fcp = Number(
      await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN"),
    );
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    console.log(
      `| ${role} | ${device === PHONE ? 'phone 390×844' : 'desktop 1440×900'} | ${kb(sizes.js)} | ${kb(sizes.jsDecoded)} | ${sizes.map ? kb(sizes.map) : '—'} | ${kb(sizes.all)} | ${(fcp / 1000).toFixed(2)} s | ${(readyMs / 1000).toFixed(2)} s |`,
    );
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
