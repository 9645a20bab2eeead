import { describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId, withWrongCheckDigit } from '../support/factories.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { en, zh } from './support/world.ts';

describe.skipIf(!hasChromium)('registering a patient with a mistyped ID', () => {
  const world = useBrowserWorld();

  it('says under the field, in Chinese, that the check digit is wrong, and registers nobody', async () => {
    const page = await signIn(world.browser, world.server, world.city.people.gatekeeper, { locale: 'zh-CN' });
    onTestFailed(() => captureScreens('patient-form', { gatekeeper: page }));
    await page.goto('/gatekeeper/patients/new');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.locator('input[name="name"]').fill('赵敏');
    const nationalId = page.locator('input[name="nationalId"]');
    await nationalId.fill(withWrongCheckDigit(validNationalId('1972-09-30', 'female')));
    await page.locator('input[name="phone"]').fill('13700001111');
    await page.getByRole('button', { name: zh('patient.register') }).click();

    // The message sits under the field, is tied to it for screen readers, and the field is marked invalid.
    const errorId = `${await nationalId.getAttribute('id')}-error`;
    const message = page.locator(`[id="${errorId}"]`);
    await reads(message, zh('patient.nationalIdChecksum'));
    expect(await nationalId.getAttribute('aria-invalid')).toBe('true');
    expect((await nationalId.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    expect(await page.locator('input[name="name"]').getAttribute('aria-invalid')).toBeNull();

    // Nothing was sent: still on the form, and the roster is empty.
    expect(new URL(page.url()).pathname).toBe('/gatekeeper/patients/new');
    await page.getByRole('link', { name: zh('gk.nav.patients') }).click();
    await shows(page.getByText(zh('roster.empty')));
  });

  it('says every field check in the page’s language, and in English after switching to it', async () => {
    const page = await signIn(world.browser, world.server, world.city.people.gatekeeper, { locale: 'zh-CN' });
    onTestFailed(() => captureScreens('patient-form-languages', { gatekeeper: page }));
    await page.goto('/gatekeeper/patients/new');
    await page.locator('input[name="nationalId"]').fill(validNationalId('1980-02-14'));
    await page.locator('input[name="phone"]').fill('1380013800');
    await page.getByRole('button', { name: zh('patient.register') }).click();

    const errorOf = async (name: string) => {
      const input = page.locator(`[name="${name}"]`);
      return page.locator(`[id="${await input.getAttribute('id')}-error"]`);
    };
    const phone = await errorOf('phone');
    const name = await errorOf('name');
    const givenBy = await errorOf('consent.givenBy');
    await reads(phone, zh('patient.phoneInvalid'));
    await reads(name, zh('form.required'));
    await reads(givenBy, zh('form.required'));
    expect(await page.locator('[name="nationalId"]').getAttribute('aria-invalid')).toBeNull();

    // The same checks, said again in the language just chosen, without submitting again.
    await page.getByLabel(zh('language.label')).selectOption('en');
    await reads(phone, en('patient.phoneInvalid'));
    await reads(name, en('form.required'));
    await reads(givenBy, en('form.required'));
    expect(new URL(page.url()).pathname).toBe('/gatekeeper/patients/new');
  });
});
