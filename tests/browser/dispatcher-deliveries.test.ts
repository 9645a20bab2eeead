import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DeliveryView, formatScheduleViolation, type TripView } from '@lastmeter/shared';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  createAccount,
  createPatient,
  createRequest,
  createVehicle,
  validNationalId,
} from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { gone, reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { addDays, cityToday, en, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/**
 * The dispatcher's deliveries beside the legs (issue 12): tomorrow a parcel waits for a vehicle while
 * the district's car brings a close contact home from 11:00 to 11:30. Putting the parcel on that car
 * then is refused with the rule named; the requisitioned van takes it. Yesterday's parcel that never
 * got a vehicle is flagged late.
 */
describe.skipIf(!hasChromium)('dispatch sees and assigns the day’s medicine deliveries', () => {
  const world = useBrowserWorld();
  const today = cityToday().date;
  const tomorrow = addDays(today, 1);
  const yesterday = addDays(today, -1);
  const vanPlate = '沪A·M7788';
  let parcel: DeliveryView;
  let stale: DeliveryView;
  let token: string;

  beforeAll(async () => {
    const { server, city } = world;
    const db = server.app.db;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const van = await createVehicle(db, city.district.id, {
      plate: vanPlate,
      kind: 'requisitioned',
      seats: 6,
      shiftStart: '00:00',
      shiftEnd: '23:59',
    });
    await createAccount(db, 'driver', { vehicleId: van.id });
    token = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
    const gatekeeper = await loginAs(
      server,
      city.people.gatekeeper.username,
      city.people.gatekeeper.password,
    );
    const call = async <T>(who: string, path: string, body: unknown): Promise<T> => {
      const res = await api<T>(server, 'POST', path, { token: who, body });
      if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    // A close contact brought home from the hospital tomorrow 11:00–11:30 on the district's car.
    const contact = await createPatient(db, city.compound.id, {
      name: '周国庆',
      nationalId: validNationalId('1952-04-04'),
      gateId: city.compound.gate.id,
      regularHospitalId: city.hospital.id,
      infectionClass: 'close_contact',
    });
    const request = await createRequest(db, contact.id, {
      date: tomorrow,
      windowStart: new Date(`${tomorrow}T08:30:00+08:00`),
      windowEnd: new Date(`${tomorrow}T09:00:00+08:00`),
      treatmentMinutes: 60,
    });
    const trip = await call<TripView>(token, `/api/v1/requests/${request.id}/trip`, {});
    await call(token, `/api/v1/legs/${trip.return.id}/assign`, {
      vehicleId: city.vehicle.id,
      pickupAt: `${tomorrow}T11:00:00+08:00`,
      dropoffAt: `${tomorrow}T11:30:00+08:00`,
      override: { rules: ['time_window', 'travel_time', 'ride_time'], reason: '医院定的回程时间' },
    });

    const chronic = await createPatient(db, city.compound.id, {
      name: '赵淑芬',
      nationalId: validNationalId('1948-02-11', 'female'),
      gateId: city.compound.gate.id,
      regularHospitalId: city.hospital.id,
    });
    const items = [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次' }];
    parcel = await call<DeliveryView>(gatekeeper, `/api/v1/patients/${chronic.id}/prescriptions`, {
      hospitalId: city.hospital.id,
      items,
      date: tomorrow,
      dropoffHours: { from: '10:00', to: '18:00' },
    });
    // Yesterday's parcel, entered yesterday morning, that no vehicle ever took.
    server.clock.set(`${yesterday}T08:00:00+08:00`);
    try {
      stale = await call<DeliveryView>(gatekeeper, `/api/v1/patients/${chronic.id}/prescriptions`, {
        hospitalId: city.hospital.id,
        items,
        date: yesterday,
        dropoffHours: { from: '10:00', to: '12:00' },
      });
    } finally {
      server.clock.reset();
    }
  });

  it('(zh-CN, 1440×900) lists the parcel without a vehicle, refuses the car carrying a close contact, books the van', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.dispatcher, { device: WIDE });
    onTestFailed(() => captureScreens('dispatcher-deliveries', { dispatcher: page }));
    await page.goto('/dispatcher');
    const date = page.getByLabel(zh('dispatch.date'));
    await date.fill(tomorrow);
    await date.blur();
    await page.getByRole('tab', { name: zh('dispatch.tab.deliveries') }).click();
    const panel = page.locator('section.day-deliveries');
    await reads(panel.getByRole('heading', { level: 2 }), zh('dispatch.deliveries.title', { count: 1 }));
    await reads(panel.getByRole('status'), zh('dispatch.deliveries.summary', { unassigned: 1, late: 0 }));
    const row = panel.locator('li', { hasText: parcel.parcelNo });
    await reads(row, zh('dispatch.deliveries.unassigned'), { contains: true });
    await reads(row, `${city.hospital.name} → ${city.compound.name}`, { contains: true });
    await reads(row, zh('delivery.window', { from: '10:00', to: '18:00' }), { contains: true });
    await reads(row, zh('delivery.status.pending'), { contains: true });
    // The dispatcher sees the masked name only.
    await reads(row, '赵*芬', { contains: true });

    await row
      .getByRole('button', { name: zh('dispatch.deliveries.assignOne', { parcel: parcel.parcelNo }) })
      .click();
    const form = page.locator('form.assign-delivery-form');
    await shows(form.getByRole('heading', { name: zh('dispatch.deliveries.assignTitle') }));
    const choose = async (plate: string) => {
      const select = form.getByLabel(zh('dispatch.assign.vehicle'));
      const value = await select.locator('option', { hasText: plate }).getAttribute('value');
      await select.selectOption(value ?? '');
    };
    await choose(city.vehicle.plate);
    await form.getByLabel(zh('dispatch.deliveries.pickupAt')).fill(`${tomorrow}T11:05`);
    await form.getByRole('button', { name: zh('dispatch.assign.submit') }).click();
    const alert = form.getByRole('alert');
    const [ruleStart = ''] = formatScheduleViolation(
      { rule: 'medicine_with_infection', params: { vehicle: city.vehicle.plate, legs: '§' } },
      'zh-CN',
    ).split('§');
    await reads(alert.locator('.plan-clash'), ruleStart, { contains: true });
    await reads(alert.locator('.plan-clash'), `周*庆 · ${zh('direction.return')}`, { contains: true });
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'dispatch-delivery-refused-zh-CN.png') });
    expect(await seriousViolations(page)).toEqual([]);
    const waiting = await api<DeliveryView[]>(
      server,
      'GET',
      `/api/v1/districts/${city.district.id}/deliveries?date=${tomorrow}`,
      { token },
    );
    expect(waiting.body.find((d) => d.id === parcel.id)).toMatchObject({ status: 'pending', vehicle: null });

    // The van, timed for the gate's window.
    await choose(vanPlate);
    await form.getByLabel(zh('dispatch.deliveries.pickupAt')).fill('');
    await form.getByRole('button', { name: zh('dispatch.assign.submit') }).click();
    await gone(form);
    await reads(row, vanPlate, { contains: true });
    await reads(row, zh('delivery.status.assigned'), { contains: true });
    await reads(panel.getByRole('status'), zh('dispatch.deliveries.summary', { unassigned: 0, late: 0 }));
    const booked = await api<DeliveryView[]>(
      server,
      'GET',
      `/api/v1/districts/${city.district.id}/deliveries?date=${tomorrow}`,
      { token },
    );
    expect(booked.body.find((d) => d.id === parcel.id)).toMatchObject({
      status: 'assigned',
      vehicle: { plate: vanPlate },
    });

    // Yesterday: the parcel that never got a vehicle is late.
    await date.fill(yesterday);
    await date.blur();
    await page.getByRole('tab', { name: zh('dispatch.tab.deliveries') }).click();
    const late = panel.locator('li', { hasText: stale.parcelNo });
    await reads(late, zh('dispatch.deliveries.late'), { contains: true });
    await reads(late, zh('dispatch.deliveries.unassigned'), { contains: true });
    await reads(panel.getByRole('status'), zh('dispatch.deliveries.summary', { unassigned: 1, late: 1 }));
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'dispatch-deliveries-late-zh-CN.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('(en, 1440×900) the same list in English', async () => {
    const { server, browser, city } = world;
    const page = await signIn(browser, server, city.people.dispatcher, { locale: 'en-US', device: WIDE });
    onTestFailed(() => captureScreens('dispatcher-deliveries-en', { dispatcher: page }));
    await page.goto('/dispatcher');
    const date = page.getByLabel(en('dispatch.date'));
    await date.fill(tomorrow);
    await date.blur();
    await page.getByRole('tab', { name: en('dispatch.tab.deliveries') }).click();
    const panel = page.locator('section.day-deliveries');
    await reads(panel.getByRole('heading', { level: 2 }), en('dispatch.deliveries.title', { count: 1 }));
    const row = panel.locator('li', { hasText: parcel.parcelNo });
    await reads(row, en('delivery.status.assigned'), { contains: true });
    await shows(
      row.getByRole('button', { name: en('dispatch.deliveries.reassignOne', { parcel: parcel.parcelNo }) }),
    );
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'dispatch-deliveries-en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
