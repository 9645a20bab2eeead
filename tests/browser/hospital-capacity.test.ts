import { fieldMessage, type HospitalCapacity, type HospitalSlots } from '@lastmeter/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, loginAs } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { gone, reads, shows } from './support/ui.ts';
import { cityToday, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

/** The seeded hospital takes 20 dialysis patients all day, every day (its weekly template). */
describe.skipIf(!hasChromium)('the hospital desk edits its capacity', () => {
  let stage: Stage;
  let server: TestServer;
  let city: SeededDistrict;
  let desk: Page;
  let token: string;
  const { date, weekday } = cityToday();

  const capacityApi = async () => {
    const res = await api<HospitalCapacity>(
      server,
      'GET',
      `/api/v1/hospitals/${city.hospital.id}/capacity?date=${date}`,
      { token },
    );
    expect(res.status).toBe(200);
    return res.body.slots.map(({ service, startTime, endTime, capacity }) => ({
      service,
      startTime,
      endTime,
      capacity,
    }));
  };
  const card = () =>
    desk.locator('section.card', { has: desk.getByRole('heading', { name: zh('hospital.capacity.title') }) });
  /** The day form (the first form of the card; the weekly template sits in a <details> below it). */
  const day = () => card().locator('form').first();
  const cell = (scope: Locator, what: Parameters<typeof zh>[0], row: number) =>
    scope.getByLabel(`${zh(what)} ${row}`, { exact: true });
  const saveDay = () => day().getByRole('button', { name: zh('hospital.capacity.saveDay', { date }) });

  beforeAll(async () => {
    stage = await startStage();
    server = stage.server;
    city = await seedDistrict(server.app.db);
    token = await loginAs(server, city.people.hospital.username, city.people.hospital.password);
    desk = await signIn(stage.browser, server, city.people.hospital);
    await desk.goto('/hospital');
  });
  afterAll(() => stage?.stop());

  it("changes a slot's capacity for today; it is saved and still there after a reload", async () => {
    onTestFailed(() => captureScreens('capacity-day', { desk }));
    const capacity = cell(day(), 'hospital.capacity', 1);
    await shows(capacity);
    expect(await capacity.inputValue()).toBe('20');
    expect(await cell(day(), 'hospital.service', 1).inputValue()).toBe('dialysis');
    await capacity.fill('12');
    await saveDay().click();
    await shows(day().getByRole('status').getByText(zh('hospital.saved')));
    expect(await capacityApi()).toEqual([
      { service: 'dialysis', startTime: '00:00', endTime: '23:59', capacity: 12 },
    ]);

    await desk.reload();
    await shows(cell(day(), 'hospital.capacity', 1));
    expect(await cell(day(), 'hospital.capacity', 1).inputValue()).toBe('12');
    await shows(day().getByText(zh('hospital.capacity.dayHint', { overrides: 1 })));
  });

  it('shows a field error in Chinese on the very field, and saves nothing, for invalid input', async () => {
    onTestFailed(() => captureScreens('capacity-invalid', { desk }));
    const capacity = cell(day(), 'hospital.capacity', 1);

    // Emptied: required, not silently zero (which would close the slot).
    await capacity.fill('');
    await saveDay().click();
    await reads(day().locator('.field-error'), zh('form.required'));
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await capacity.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await reads(desk.locator(`[id="${describedBy}"]`), zh('form.required'));

    // Negative, then a fraction of a patient.
    await capacity.fill('-3');
    await saveDay().click();
    await reads(day().locator('.field-error'), zh('form.atLeast', { min: 0 }));
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');
    await capacity.fill('2.5');
    await saveDay().click();
    await reads(day().locator('.field-error'), zh('form.wholeNumber'));

    // A slot that ends before it starts: the error sits on its end time, in Chinese.
    await capacity.fill('8');
    await cell(day(), 'hospital.end', 1).fill('06:00');
    await cell(day(), 'hospital.start', 1).fill('07:00');
    await saveDay().click();
    await reads(
      day().locator('.field-error'),
      fieldMessage('must_be_after', 'zh-CN', { other: 'startTime' }),
    );
    expect(await cell(day(), 'hospital.end', 1).getAttribute('aria-invalid')).toBe('true');
    expect(await capacity.getAttribute('aria-invalid')).toBeNull();

    expect(await capacityApi()).toEqual([
      { service: 'dialysis', startTime: '00:00', endTime: '23:59', capacity: 12 },
    ]);

    // Corrected, it saves, and the errors go.
    await cell(day(), 'hospital.start', 1).fill('00:00');
    await cell(day(), 'hospital.end', 1).fill('23:59');
    await saveDay().click();
    await gone(day().locator('.field-error'));
    await shows(day().getByRole('status').getByText(zh('hospital.saved')));
    expect(await capacityApi()).toEqual([
      { service: 'dialysis', startTime: '00:00', endTime: '23:59', capacity: 8 },
    ]);
  });

  it('adds an oncology slot to the weekly template; it persists across a reload', async () => {
    onTestFailed(() => captureScreens('capacity-template', { desk }));
    await card().locator('details > summary').click();
    const template = card().locator('details form');
    await shows(cell(template, 'hospital.capacity', 7));
    await template.getByRole('button', { name: zh('hospital.addSlot') }).click();
    await cell(template, 'hospital.weekday', 8).selectOption(String(weekday));
    await cell(template, 'hospital.service', 8).selectOption('oncology');
    await cell(template, 'hospital.start', 8).fill('08:00');
    await cell(template, 'hospital.end', 8).fill('16:00');
    await cell(template, 'hospital.capacity', 8).fill('6');
    await template.getByRole('button', { name: zh('hospital.template.save') }).click();
    // The button is disabled from the moment the save starts: wait for the saved template itself.
    const slots = async () =>
      (await api<HospitalSlots>(server, 'GET', `/api/v1/hospitals/${city.hospital.id}/slots`, { token })).body
        .slots;
    await expect
      .poll(slots, { timeout: 15_000 })
      .toContainEqual({ service: 'oncology', weekday, startTime: '08:00', endTime: '16:00', capacity: 6 });
    await gone(template.getByRole('button', { name: zh('hospital.template.save'), disabled: false }));
    await desk.reload();
    await card().locator('details > summary').click();
    await shows(cell(card().locator('details form'), 'hospital.capacity', 8));
    // Today's view shows the new oncology slot next to today's dialysis change.
    await shows(cell(day(), 'hospital.capacity', 2));
    const services = [
      await cell(day(), 'hospital.service', 1).inputValue(),
      await cell(day(), 'hospital.service', 2).inputValue(),
    ].sort();
    expect(services).toEqual(['dialysis', 'oncology']);
  });
});
