import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Hospital, Vehicle } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { gone, reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { en, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/** The admin keeps hospitals and the fleet in the web: created, edited, retired, checked per field. */
describe.skipIf(!hasChromium)('admin: hospitals and vehicles are editable', () => {
  let stage: Stage;
  let city: SeededDistrict;
  let token: string;

  beforeAll(async () => {
    stage = await startStage();
    city = await seedDistrict(stage.server.app.db);
    token = await loginAs(stage.server, city.people.admin.username, city.people.admin.password);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => stage?.stop());

  const hospitals = async () =>
    (await api<Hospital[]>(stage.server, 'GET', '/api/v1/hospitals', { token })).body;
  const vehicles = async () =>
    (await api<Vehicle[]>(stage.server, 'GET', '/api/v1/vehicles', { token })).body;

  it('registers a hospital (zh-CN): errors on the very fields, then saved with what it treats', async () => {
    const page: Page = await signIn(stage.browser, stage.server, city.people.admin, { device: WIDE });
    onTestFailed(() => captureScreens('admin-hospitals', { page }));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: zh('nav.hospitals') })
      .click();
    const form = page.getByRole('form', { name: zh('adminHospitals.create') });
    await shows(form);
    await form.getByLabel(zh('adminHospitals.locationLng')).fill('121.46');
    await form.getByLabel(zh('adminHospitals.locationLat')).fill('95');
    await form.getByRole('button', { name: zh('adminHospitals.save') }).click();
    const name = form.getByLabel(zh('adminHospitals.name'));
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await reads(page.locator(`[id="${await name.getAttribute('aria-describedby')}"]`), zh('form.required'));
    const lat = form.getByLabel(zh('adminHospitals.locationLat'));
    expect(await lat.getAttribute('aria-invalid')).toBe('true');
    await reads(
      page.locator(`[id="${await lat.getAttribute('aria-describedby')}"]`),
      zh('form.atMost', { max: 90 }),
    );
    expect((await hospitals()).map((h) => h.name)).toEqual([city.hospital.name]);

    await name.fill('龙华医院');
    await lat.fill('31.18');
    await form.getByLabel(zh('adminHospitals.entranceLng')).fill('121.461');
    await form.getByLabel(zh('adminHospitals.entranceLat')).fill('31.181');
    await form.getByRole('checkbox', { name: zh('service.dialysis') }).check();
    await form.getByRole('checkbox', { name: zh('service.emergency') }).check();
    await form.getByRole('checkbox', { name: zh('adminHospitals.acceptsPositive') }).check();
    await form.getByRole('button', { name: zh('adminHospitals.save') }).click();
    const listed = page.locator('.registry-list li', { hasText: '龙华医院' });
    await reads(listed, zh('adminHospitals.designated'), { contains: true });
    await expect
      .poll(async () => (await hospitals()).find((h) => h.name === '龙华医院'))
      .toMatchObject({
        entrance: { lng: 121.461, lat: 31.181 },
        acceptsPositive: true,
        services: ['dialysis', 'emergency'],
      });

    // Edit the seeded hospital: it now treats oncology too.
    await page
      .getByRole('button', { name: zh('adminHospitals.editButton', { name: city.hospital.name }) })
      .click();
    const edit = page.getByRole('form', { name: zh('adminHospitals.edit', { name: city.hospital.name }) });
    await edit.getByRole('checkbox', { name: zh('service.oncology') }).check();
    await edit.getByRole('button', { name: zh('adminHospitals.save') }).click();
    await gone(edit);
    await expect
      .poll(async () => (await hospitals()).find((h) => h.id === city.hospital.id)?.services)
      .toEqual(['dialysis', 'oncology']);

    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-hospitals-zh-CN.png'), fullPage: true });
    await page.context().close();
  });

  it('adds, edits and retires a vehicle (English)', async () => {
    const page: Page = await signIn(stage.browser, stage.server, city.people.admin, {
      device: WIDE,
      locale: 'en-US',
    });
    onTestFailed(() => captureScreens('admin-vehicles', { page }));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: en('nav.vehicles') })
      .click();
    const form = page.getByRole('form', { name: en('adminVehicles.create') });
    await form.getByLabel(en('adminVehicles.plate')).fill('沪C·77777');
    await form.getByLabel(en('adminVehicles.kind')).selectOption('requisitioned');
    await form.getByLabel(en('adminVehicles.seats')).fill('');
    await form.getByLabel(en('adminVehicles.baseLng')).fill('121.43');
    await form.getByLabel(en('adminVehicles.baseLat')).fill('31.17');
    await form.getByRole('button', { name: en('adminVehicles.save') }).click();
    const seats = form.getByLabel(en('adminVehicles.seats'));
    expect(await seats.getAttribute('aria-invalid')).toBe('true');
    await reads(page.locator(`[id="${await seats.getAttribute('aria-describedby')}"]`), en('form.required'));
    await seats.fill('3');
    await form.getByLabel(en('adminVehicles.wheelchairPlaces')).fill('1');
    await form.getByRole('button', { name: en('adminVehicles.save') }).click();
    const listed = page.locator('.registry-list li', { hasText: '沪C·77777' });
    await reads(listed, en('adminVehicles.places', { seats: 3, wheelchairs: 1, stretchers: 0 }), {
      contains: true,
    });

    await listed
      .getByRole('button', { name: en('adminVehicles.editButton', { plate: '沪C·77777' }) })
      .click();
    const edit = page.getByRole('form', { name: en('adminVehicles.edit', { plate: '沪C·77777' }) });
    await edit.getByLabel(en('adminVehicles.stretchers')).fill('1');
    await edit.getByRole('button', { name: en('adminVehicles.save') }).click();
    await gone(edit);
    await reads(listed, en('adminVehicles.places', { seats: 3, wheelchairs: 1, stretchers: 1 }), {
      contains: true,
    });

    page.once('dialog', (dialog) => void dialog.accept());
    await listed.getByRole('button', { name: en('adminVehicles.retire', { plate: '沪C·77777' }) }).click();
    await reads(listed, en('vehicleStatus.off'), { contains: true });
    await expect
      .poll(async () => (await vehicles()).find((v) => v.plate === '沪C·77777'))
      .toMatchObject({
        kind: 'requisitioned',
        seats: 3,
        wheelchairPlaces: 1,
        stretchers: 1,
        status: 'off',
        districtId: city.district.id,
      });

    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-vehicles-en-US.png'), fullPage: true });
    await page.context().close();
  });
});
