import { chromium } from 'playwright-core';
const base = 'http://localhost:3147';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--use-angle=swiftshader','--enable-unsafe-swiftshader','--ignore-gpu-blocklist'] });
const pages = [['dispatcher','/dispatcher'],['hospital1','/hospital'],['admin','/admin'],['admin','/admin/audit']];
for (const locale of ['zh-CN','en']) {
  for (const [user, path] of pages) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript((l) => localStorage.setItem('lastmeter.locale', l), locale);
    await page.goto(`${base}/login`);
    await page.locator('input[name=username]').fill(user);
    await page.locator('input[name=password]').fill('lastmeter');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(base + path);
    await page.waitForTimeout(4000);
    const name = `${path.replaceAll('/', '_')}-${locale}.png`;
    await page.screenshot({ path: `/tmp/lm-shots/${name}`, fullPage: true });
    console.log(name, errors.slice(0, 5));
    await ctx.close();
  }
}
await browser.close();
