import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryView } from '@lastmeter/shared';
import { describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { cityToday, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

describe.skipIf(!hasChromium)('medicine to the gate on phones (药品配送 · 送药到户)', () => {
  const world = useBrowserWorld();

  it('(zh-CN, 390×844) the driver collects and leaves the parcel contactless; the gatekeeper confirms and hands it over', async () => {
    const { server, browser, city } = world;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const today = cityToday().date;
    const gatekeeperToken = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const dispatcherToken = await loginAs(
      server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    const call = async <T>(token: string, path: string, body: unknown): Promise<T> => {
      const res = await api<T>(server, 'POST', path, { token, body });
      if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const patient = await call<{ id: string }>(
      gatekeeperToken,
      `/api/v1/compounds/${city.compound.id}/patients`,
      {
        name: '赵淑芬',
        nationalId: validNationalId('1948-02-11', 'female'),
        phone: '13812345679',
        gateId: city.compound.gate.id,
        building: '7',
        unit: '2',
        room: '301',
        mobility: 'walk',
        regularHospitalId: city.hospital.id,
        consent: { givenBy: '赵淑芬', relation: 'self', purposes: ['registry', 'transport'] },
        needs: [{ kind: 'chronic', schedule: { medicineDelivery: true, visits: [] } }],
      },
    );
    // Today, with the gate open all day: the parcel is on its way whatever the hour the test runs.
    const parcel = await call<DeliveryView>(gatekeeperToken, `/api/v1/patients/${patient.id}/prescriptions`, {
      hospitalId: city.hospital.id,
      items: [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次，随餐服用' }],
      date: today,
      dropoffHours: { from: '00:00', to: '23:59' },
    });
    await call(dispatcherToken, `/api/v1/districts/${city.district.id}/plan`, {
      date: today,
      seed: 1,
      iterations: 30,
    });

    const driver = await signIn(browser, server, city.people.driver, { device: PHONE });
    const gate = await signIn(browser, server, city.people.gatekeeper, { device: PHONE });
    onTestFailed(() => captureScreens('medicine-delivery', { driver, gate }));

    await driver.goto('/driver');
    const card = driver.locator('article.delivery-card');
    await card.waitFor();
    await settled(driver);
    // Contactless: the parcel number, the masked name and the building — not the name or the medicines.
    await expect.poll(() => card.textContent()).toContain(parcel.parcelNo);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('赵*芬');
    expect(text).toContain(zh('delivery.buildingValue', { building: '7' }));
    expect(text).not.toContain('赵淑芬');
    expect(text).not.toContain('二甲双胍');
    const collect = card.getByRole('button', { name: zh('driver.step.pick_up') });
    const box = await collect.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await driver.screenshot({ path: join(SCREENSHOTS, 'delivery-driver-zh-CN.png'), fullPage: true });
    expect(await seriousViolations(driver)).toEqual([]);
    await collect.click();
    await card.getByRole('button', { name: zh('driver.step.hand_to_gate') }).click();
    await card.waitFor({ state: 'detached' });

    await gate.goto('/gatekeeper');
    const item = gate.locator('li.delivery-item', { hasText: parcel.parcelNo });
    await item.waitFor();
    await settled(gate);
    await expect.poll(() => item.textContent()).toContain(zh('delivery.status.at_gate'));
    expect(await item.textContent()).toContain('赵淑芬');
    await item.scrollIntoViewIfNeeded();
    await gate.screenshot({ path: join(SCREENSHOTS, 'delivery-gate-zh-CN.png'), fullPage: true });
    expect(await seriousViolations(gate)).toEqual([]);
    await item.getByRole('button', { name: zh('gate.receive') }).click();
    await item.getByRole('button', { name: zh('gate.handOver') }).click();
    await expect.poll(() => item.textContent()).toContain(zh('delivery.status.delivered'));

    // A paper list: a missing medicine name is named on the field; filled in, it becomes a parcel.
    await gate.getByRole('button', { name: zh('gate.newPrescription') }).click();
    const form = gate.locator('form.prescription-form');
    await form.getByLabel(zh('gate.prescription.patient')).selectOption(patient.id);
    await form.getByRole('button', { name: zh('gate.prescription.submit') }).click();
    const name = form.getByLabel(zh('gate.prescription.itemName'));
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('苯磺酸氨氯地平片');
    await form.getByLabel(zh('gate.prescription.quantity')).fill('28片');
    await form.getByRole('button', { name: zh('gate.prescription.submit') }).click();
    await form.getByRole('status').waitFor();
    expect(await form.getByRole('status').textContent()).toMatch(/P-[A-Z0-9]{6}/);
    await gate.screenshot({ path: join(SCREENSHOTS, 'delivery-gate-form-zh-CN.png'), fullPage: true });

    await driver.context().close();
    await gate.context().close();
  });
});
