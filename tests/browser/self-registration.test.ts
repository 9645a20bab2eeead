import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId } from '../support/factories.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { DESKTOP, hasChromium, PHONE } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { gone, reads, shows } from './support/ui.ts';
import { zh } from './support/world.ts';

interface Resident {
  name: string;
  nationalId: string;
  phone: string;
  building: string;
  room: string;
  weekdays: readonly (1 | 2 | 3 | 4 | 5 | 6 | 7)[];
  startTime: string;
  /** Who gives consent, and how they are related to the patient. */
  givenBy: string;
  relation: 'self' | 'child';
}

const ZHOU: Resident = {
  name: '周桂兰',
  nationalId: validNationalId('1950-11-20', 'female'),
  phone: '13611112222',
  building: '8',
  room: '201',
  weekdays: [1, 3, 5],
  startTime: '07:30',
  givenBy: '周明',
  relation: 'child',
};
const WU: Resident = {
  name: '吴德海',
  nationalId: validNationalId('1948-04-04'),
  phone: '13933334444',
  building: '9',
  room: '603',
  weekdays: [2, 4, 6],
  startTime: '13:00',
  givenBy: '吴德海',
  relation: 'self',
};

/** A resident's own phone, signed out, in Chinese: nothing but the link from the poster. */
async function residentOpens(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

async function fillRegistration(page: Page, resident: Resident): Promise<void> {
  await page.getByLabel(zh('patient.name'), { exact: true }).fill(resident.name);
  await page.getByLabel(zh('patient.nationalId'), { exact: true }).fill(resident.nationalId);
  await page.getByLabel(zh('selfReg.phone'), { exact: true }).fill(resident.phone);
  await page.getByLabel(zh('patient.building'), { exact: true }).fill(resident.building);
  await page.getByLabel(zh('patient.room'), { exact: true }).fill(resident.room);
  await page.getByLabel(zh('patient.mobility')).selectOption({ label: zh('mobility.wheelchair') });
  for (const day of resident.weekdays)
    await page.getByRole('checkbox', { name: zh(`weekday.${day}`) }).check();
  await page.getByLabel(zh('need.startTime')).fill(resident.startTime);
  await page.getByLabel(zh('consent.givenBy')).fill(resident.givenBy);
  await page
    .getByLabel(zh('consent.relation'))
    .selectOption({ label: zh(`consent.relation.${resident.relation}`) });
}

describe.skipIf(!hasChromium)(
  'self-registration from the compound’s QR code, verified by the gatekeeper',
  () => {
    const world = useBrowserWorld();
    let link: string;
    const screens: Record<string, Page | undefined> = {};

    it('the gatekeeper’s QR page gives the link to post at the gate', async () => {
      const gatekeeper = await signIn(world.browser, world.server, world.city.people.gatekeeper, {
        device: DESKTOP,
      });
      screens.gatekeeper = gatekeeper;
      onTestFailed(() => captureScreens('self-registration-qr', screens));
      await gatekeeper.getByRole('link', { name: zh('gk.nav.selfRegistration') }).click();
      await shows(
        gatekeeper.getByRole('heading', { name: zh('selfReg.qrTitle', { compound: '田林十二村' }) }),
      );
      const qr = gatekeeper.getByRole('img', { name: zh('selfReg.qrAlt', { compound: '田林十二村' }) });
      await shows(qr);
      // The image really loaded (a broken image has no natural width).
      await expect
        .poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBeGreaterThan(0);
      link = (await gatekeeper.locator('.qr-link a').getAttribute('href')) ?? '';
      expect(new URL(link).pathname).toMatch(/^\/register\/[^/]+$/);
      await shows(gatekeeper.getByText(zh('selfReg.noPending')));
    });

    it('a resident, not signed in, sees a Chinese field error for a bad ID, corrects it, and is told it was received', async () => {
      const resident = await residentOpens(world.browser, link);
      screens.residentZhou = resident;
      onTestFailed(() => captureScreens('self-registration-resident', screens));
      await shows(resident.getByRole('heading', { name: zh('selfReg.heading', { compound: '田林十二村' }) }));
      expect(await resident.locator('html').getAttribute('lang')).toBe('zh-CN');

      await fillRegistration(resident, { ...ZHOU, nationalId: ZHOU.nationalId.slice(0, 17) });
      await resident.getByRole('button', { name: zh('selfReg.submit') }).click();
      const nationalId = resident.getByLabel(zh('patient.nationalId'), { exact: true });
      const errorId = `${await nationalId.getAttribute('id')}-error`;
      await reads(resident.locator(`[id="${errorId}"]`), zh('patient.nationalIdLength', { length: 17 }));
      expect(await nationalId.getAttribute('aria-invalid')).toBe('true');
      // The focus goes to the field to correct.
      expect(
        await nationalId.evaluate(
          (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
        ),
      ).toBe(true);

      await nationalId.fill(ZHOU.nationalId);
      await gone(resident.locator(`[id="${errorId}"]`));
      await resident.getByRole('button', { name: zh('selfReg.submit') }).click();
      await shows(resident.getByRole('heading', { name: zh('selfReg.doneTitle') }));
      await reads(resident.getByRole('status'), zh('selfReg.done', { compound: '田林十二村' }));
    });

    it('a second resident takes the need back, is asked to choose one, chooses again and registers; the same ID again is refused', async () => {
      const resident = await residentOpens(world.browser, link);
      screens.residentWu = resident;
      onTestFailed(() => captureScreens('self-registration-second', screens));
      await fillRegistration(resident, WU);

      // Back to "choose": the dialysis filled in a moment ago must not be sent.
      const kind = resident.getByLabel(zh('need.kind'), { exact: true });
      await kind.selectOption({ label: zh('form.choose') });
      await resident.getByRole('button', { name: zh('selfReg.submit') }).click();
      const kindError = resident.locator(`[id="${await kind.getAttribute('id')}-error"]`);
      await reads(kindError, zh('form.required'));
      expect(await kind.getAttribute('aria-invalid')).toBe('true');
      expect(await resident.getByRole('heading', { name: zh('selfReg.doneTitle') }).count()).toBe(0);

      // Choosing dialysis again brings back the days and time typed before.
      await kind.selectOption({ label: zh('needKind.dialysis') });
      await gone(kindError);
      for (const day of WU.weekdays)
        expect(await resident.getByRole('checkbox', { name: zh(`weekday.${day}`) }).isChecked()).toBe(true);
      await resident.getByRole('button', { name: zh('selfReg.submit') }).click();
      await shows(resident.getByRole('heading', { name: zh('selfReg.doneTitle') }));

      const again = await residentOpens(world.browser, link);
      screens.residentAgain = again;
      await fillRegistration(again, { ...WU, phone: '13955556666' });
      await again.getByRole('button', { name: zh('selfReg.submit') }).click();
      await reads(again.getByRole('alert'), zh('selfReg.duplicate'));
      expect(await again.getByRole('heading', { name: zh('selfReg.doneTitle') }).count()).toBe(0);
    });

    it('the gatekeeper sees both pending, verifies one onto the roster and rejects the other with a reason', async () => {
      const gatekeeper = screens.gatekeeper;
      if (!gatekeeper) throw new Error('the QR test signs the gatekeeper in');
      onTestFailed(() => captureScreens('self-registration-verify', screens));
      // The page has stayed open since the QR test: both registrations arrived live, without a reload.
      const pending = gatekeeper.locator('li.pending-item');
      await shows(pending.filter({ hasText: WU.name }));
      expect(await pending.count()).toBe(2);

      const zhou = pending.filter({ hasText: ZHOU.name });
      // What the resident entered, with identity masked and the consent on record.
      await reads(zhou, `${ZHOU.building}`, { contains: true });
      await reads(zhou, zh('mobility.wheelchair'), { contains: true });
      await reads(zhou, `${ZHOU.nationalId.slice(0, 4)}**********${ZHOU.nationalId.slice(-4)}`, {
        contains: true,
      });
      await reads(
        zhou,
        zh('patient.consentOnRecord', { givenBy: ZHOU.givenBy, relation: zh('consent.relation.child') }),
        { contains: true },
      );
      expect(await zhou.textContent()).not.toContain(ZHOU.nationalId);

      await zhou.getByRole('button', { name: zh('selfReg.verify') }).click();
      await gone(pending.filter({ hasText: ZHOU.name }));

      // Rejecting asks for a reason; an empty one is refused in Chinese.
      const wu = pending.filter({ hasText: WU.name });
      await wu.getByRole('button', { name: zh('selfReg.reject') }).click();
      await wu.getByRole('button', { name: zh('selfReg.confirmReject') }).click();
      await reads(wu.locator('.field-error'), zh('form.required'));
      await wu.getByLabel(zh('selfReg.rejectReason')).fill('不在本小区居住');
      await wu.getByRole('button', { name: zh('selfReg.confirmReject') }).click();
      await shows(gatekeeper.getByText(zh('selfReg.noPending')));

      // The verified patient is on the roster, active, with the dialysis need the resident gave.
      await gatekeeper.getByRole('link', { name: zh('gk.nav.patients') }).click();
      const roster = gatekeeper.locator('table tbody');
      const zhouRow = roster.locator('tr', { has: gatekeeper.getByRole('rowheader', { name: ZHOU.name }) });
      await reads(zhouRow, zh('patientStatus.active'), { contains: true });
      await reads(zhouRow, ZHOU.startTime, { contains: true });
      expect(await roster.locator('tr').count()).toBe(1);

      // The rejected one is kept with the reason, under the rejected filter.
      await gatekeeper.getByLabel(zh('roster.status')).selectOption({ label: zh('patientStatus.rejected') });
      const wuRow = roster.locator('tr', { has: gatekeeper.getByRole('rowheader', { name: WU.name }) });
      await shows(wuRow);
      await wuRow.getByRole('link', { name: zh('roster.editNamed', { name: WU.name }) }).click();
      await reads(gatekeeper.locator('main'), zh('gk.editPatient.rejected', { reason: '不在本小区居住' }), {
        contains: true,
      });
    });
  },
);
