import type { Vehicle } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createDistrict, createVehicle } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import { en, type SeededDistrict, seedDistrict } from './support/world.ts';

/** A dispatcher keeps the fleet of their own district in the web, and sees no other district's. */
describe.skipIf(!hasChromium)("dispatcher: the district's vehicles", () => {
  let stage: Stage;
  let city: SeededDistrict;
  let foreignPlate: string;

  beforeAll(async () => {
    stage = await startStage();
    city = await seedDistrict(stage.server.app.db);
    const other = await createDistrict(stage.server.app.db, { name: '浦东新区' });
    foreignPlate = (await createVehicle(stage.server.app.db, other.id, { plate: '沪D·99999' })).plate;
  });
  afterAll(() => stage?.stop());

  it('(en-US, 1440×900) adds a vehicle to the district from the header link; another district’s stay out of sight', async () => {
    const page = await signIn(stage.browser, stage.server, city.people.dispatcher, {
      locale: 'en-US',
      device: WIDE,
    });
    onTestFailed(() => captureScreens('dispatcher-vehicles', { page }));
    await page
      .getByRole('navigation')
      .getByRole('link', { name: en('nav.vehicles') })
      .click();
    await shows(page.locator('.registry-list li', { hasText: city.vehicle.plate }));
    expect(await page.locator('.registry-list li', { hasText: foreignPlate }).count()).toBe(0);

    const form = page.getByRole('form', { name: en('adminVehicles.create') });
    await form.getByLabel(en('adminVehicles.plate')).fill('沪C·55555');
    await form.getByLabel(en('adminVehicles.kind')).selectOption('volunteer');
    await form.getByLabel(en('adminVehicles.seats')).fill('3');
    await form.getByLabel(en('adminVehicles.wheelchairPlaces')).fill('0');
    await form.getByLabel(en('adminVehicles.baseLng')).fill('121.43');
    await form.getByLabel(en('adminVehicles.baseLat')).fill('31.17');
    await form.getByRole('button', { name: en('adminVehicles.save') }).click();
    const listed = page.locator('.registry-list li', { hasText: '沪C·55555' });
    await reads(listed, en('adminVehicles.places', { seats: 3, wheelchairs: 0, stretchers: 0 }), {
      contains: true,
    });
    // The audit trail is the administrator's page: a dispatcher is not sent to a door that stays shut.
    expect(await listed.getByRole('link', { name: en('admin.auditTrail') }).count()).toBe(0);

    const token = await loginAs(
      stage.server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    const fleet = (await api<Vehicle[]>(stage.server, 'GET', '/api/v1/vehicles', { token })).body;
    expect(fleet.find((v) => v.plate === '沪C·55555')).toMatchObject({ districtId: city.district.id });
    expect(fleet.some((v) => v.plate === foreignPlate)).toBe(false);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
