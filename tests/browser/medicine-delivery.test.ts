import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryView, OnlineVisitView, RequestView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { RESULTS_DIR } from './support/web-dist.ts';
import { cityToday, zh } from './support/world.ts';

const SCREENSHOTS = join(RESULTS_DIR, 'screenshots');

/**
 * Medicine to the gate on phones (药品配送 · 送药到户). The day runs on the server's clock from 09:00 city
 * time (tests/support/clock.ts) and each device's clock stands where the server's does: the gate's
 * 10:00–18:00 window is ahead whatever hour the test runs, and each step happens at its planned time.
 */
// Whole days worked on three phones and a desk: longer than one page's test on a shared, busy machine.
describe.skipIf(!hasChromium)('medicine to the gate on phones (药品配送 · 送药到户)', () => {
  const world = useBrowserWorld();
  const today = cityToday().date;
  const morning = new Date(`${today}T09:00:00+08:00`);
  let gatekeeperToken: string;
  let dispatcherToken: string;

  const call = async <T>(token: string, path: string, body: unknown, method = 'POST'): Promise<T> => {
    const res = await api<T>(world.server, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A chronic patient of the seeded compound, registered by the gatekeeper: refills only, or a follow-up visit today. */
  const registerChronic = (name: string, birth: string, visitAt?: string) =>
    call<{ id: string }>(gatekeeperToken, `/api/v1/compounds/${world.city.compound.id}/patients`, {
      name,
      nationalId: validNationalId(birth, 'female'),
      phone: '13812345679',
      gateId: world.city.compound.gate.id,
      building: '7',
      unit: '2',
      room: '301',
      mobility: 'walk',
      regularHospitalId: world.city.hospital.id,
      consent: { givenBy: name, relation: 'self', purposes: ['registry', 'transport'] },
      needs: [
        {
          kind: 'chronic',
          schedule: {
            // A refill-only need raises no visit of its own; one with a follow-up does.
            medicineDelivery: !visitAt,
            visits: visitAt ? [{ date: today, startTime: visitAt, minutes: 30 }] : [],
          },
        },
      ],
    });

  /** Dispatch plans the day: the parcel goes on the district's car with the day's legs. */
  const planToday = () =>
    call(dispatcherToken, `/api/v1/districts/${world.city.district.id}/plan`, {
      date: today,
      seed: 1,
      iterations: 30,
    });

  /** The parcel as dispatch sees it now. */
  const deliveryOf = async (parcelNo: string): Promise<DeliveryView> => {
    const list = await call<DeliveryView[]>(
      dispatcherToken,
      `/api/v1/districts/${world.city.district.id}/deliveries?date=${today}`,
      undefined,
      'GET',
    );
    const found = list.find((d) => d.parcelNo === parcelNo);
    if (!found) throw new Error(`no delivery ${parcelNo}`);
    return found;
  };

  /**
   * The driver's phone at the parcel's planned collection: the card shows the parcel contactless (its
   * number, the masked name, the building — not the name or the medicines); collected, then left at the gate.
   */
  const driverDelivers = async (
    parcel: DeliveryView,
    who: { fullName: string; masked: string; medicine: string },
    screenshot?: string,
  ) => {
    const { server, browser, city } = world;
    const planned = await deliveryOf(parcel.parcelNo);
    expect(planned).toMatchObject({ status: 'assigned', vehicle: { id: city.vehicle.id } });
    const at = new Date(planned.plannedPickupAt ?? '');
    server.clock.set(at);
    const driver = await signIn(browser, server, city.people.driver, { device: PHONE, clockAt: at });
    onTestFailed(() => captureScreens('medicine-delivery-driver', { driver }));
    await driver.goto('/driver');
    const card = driver.locator('article.delivery-card', { hasText: parcel.parcelNo });
    await shows(card);
    await settled(driver);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(who.masked);
    expect(text).toContain(zh('delivery.buildingValue', { building: '7' }));
    expect(text).not.toContain(who.fullName);
    expect(text).not.toContain(who.medicine);
    const collect = card.getByRole('button', { name: zh('driver.step.pick_up') });
    const box = await collect.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    if (screenshot) await driver.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    expect(await seriousViolations(driver)).toEqual([]);
    await collect.click();
    await card.getByRole('button', { name: zh('driver.step.hand_to_gate') }).click();
    await card.waitFor({ state: 'detached' });
    await driver.context().close();
  };

  /** The gatekeeper's phone: the parcel left at the gate, in full; received, then handed to the household. */
  const gateHandsOver = async (gate: Page, parcel: DeliveryView, fullName: string, screenshot?: string) => {
    const item = gate.locator('li.delivery-item', { hasText: parcel.parcelNo });
    await reads(item, zh('delivery.status.at_gate'), { contains: true });
    await reads(item, fullName, { contains: true });
    await item.scrollIntoViewIfNeeded();
    await settled(gate);
    if (screenshot) await gate.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    expect(await seriousViolations(gate)).toEqual([]);
    await item.getByRole('button', { name: zh('gate.receive') }).click();
    await item.getByRole('button', { name: zh('gate.handOver') }).click();
    await reads(item, zh('delivery.status.delivered'), { contains: true });
    expect((await deliveryOf(parcel.parcelNo)).status).toBe('delivered');
  };

  beforeAll(async () => {
    const { server, city } = world;
    mkdirSync(SCREENSHOTS, { recursive: true });
    server.clock.set(morning);
    gatekeeperToken = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    dispatcherToken = await loginAs(server, city.people.dispatcher.username, city.people.dispatcher.password);
  });

  it('(zh-CN, 390×844) the driver collects and leaves the parcel contactless; the gatekeeper confirms and hands it over', async () => {
    const { server, browser, city } = world;
    server.clock.set(morning);
    const patient = await registerChronic('赵淑芬', '1948-02-11');
    const parcel = await call<DeliveryView>(gatekeeperToken, `/api/v1/patients/${patient.id}/prescriptions`, {
      hospitalId: city.hospital.id,
      items: [{ name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次，随餐服用' }],
      date: today,
    });
    await planToday();
    await driverDelivers(
      parcel,
      { fullName: '赵淑芬', masked: '赵*芬', medicine: '二甲双胍' },
      'delivery-driver-zh-CN.png',
    );

    const gate = await signIn(browser, server, city.people.gatekeeper, {
      device: PHONE,
      clockAt: server.clock.now(),
    });
    onTestFailed(() => captureScreens('medicine-delivery-gate', { gate }));
    await gate.goto('/gatekeeper');
    await gateHandsOver(gate, parcel, '赵淑芬', 'delivery-gate-zh-CN.png');

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
    await gate.context().close();
  }, 240_000);

  it('(zh-CN) a prescription issued at an online visit reaches the household: desk → gate list → driver → gatekeeper', async () => {
    const { server, browser, city } = world;
    server.clock.set(morning);
    const desk = await loginAs(server, city.people.hospital.username, city.people.hospital.password);
    // The hospital's internet clinic, every day, all day.
    await call(
      desk,
      `/api/v1/hospitals/${city.hospital.id}/online-slots`,
      {
        slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          service: 'general',
          weekday,
          startTime: '00:00',
          endTime: '23:59',
          capacity: 95,
        })),
      },
      'PUT',
    );
    const patient = await registerChronic('孙丽华', '1951-05-05', '09:30');
    await call(gatekeeperToken, '/api/v1/requests/generate', { date: today, compoundId: city.compound.id });
    const requests = await call<RequestView[]>(
      gatekeeperToken,
      `/api/v1/requests?compoundId=${city.compound.id}&date=${today}`,
      undefined,
      'GET',
    );
    const request = requests.find((r) => r.patientId === patient.id);
    expect(request?.serveBy, JSON.stringify(requests)).toBe('online_visit');
    const visit = await call<OnlineVisitView>(
      gatekeeperToken,
      `/api/v1/requests/${request?.id}/online-visit`,
      {},
    );

    // The hospital desk holds the visit and issues the prescription.
    server.clock.set(visit.startsAt);
    const deskPage = await signIn(browser, server, city.people.hospital, {
      clockAt: new Date(visit.startsAt),
    });
    onTestFailed(() => captureScreens('prescription-online-desk', { desk: deskPage }));
    await deskPage.goto('/hospital');
    const board = deskPage.locator('section.card', {
      has: deskPage.getByRole('heading', { name: zh('hospital.visits.title') }),
    });
    const row = board.locator('li', { hasText: '孙*华' });
    await row.getByRole('button', { name: zh('hospital.visits.start') }).click();
    const form = board.getByRole('form', { name: zh('hospital.visits.outcome') });
    await form.getByLabel(zh('visitStatus.prescription_issued')).check();
    await form.getByLabel(zh('hospital.visits.medicine', { n: 1 })).fill('阿托伐他汀钙片');
    await form.getByLabel(zh('hospital.visits.quantity', { n: 1 })).fill('28片');
    await form.getByRole('button', { name: zh('hospital.visits.record') }).click();
    await reads(row, zh('visitStatus.prescription_issued'), { contains: true });
    await settled(deskPage);
    await deskPage.screenshot({ path: join(SCREENSHOTS, 'prescription-online-desk.png'), fullPage: true });
    expect(await seriousViolations(deskPage)).toEqual([]);
    await deskPage.context().close();

    // The gate's list has the parcel at once, waiting for a vehicle, with the medicine the desk wrote.
    const gate = await signIn(browser, server, city.people.gatekeeper, {
      device: PHONE,
      clockAt: server.clock.now(),
    });
    onTestFailed(() => captureScreens('prescription-online-gate', { gate }));
    await gate.goto('/gatekeeper');
    const item = gate.locator('li.delivery-item', { hasText: '孙丽华' });
    await reads(item, zh('delivery.status.pending'), { contains: true });
    await item.getByText(zh('gate.medicines')).click();
    await reads(item, '阿托伐他汀钙片 × 28片', { contains: true });
    const parcelNo = ((await item.locator('.parcel-no').textContent()) ?? '').trim();
    const parcel = await deliveryOf(parcelNo);
    expect(parcel).toMatchObject({
      requestId: request?.id,
      prescription: { source: 'online_visit', onlineVisitId: visit.id },
      pharmacy: { id: city.hospital.id },
      gate: { id: city.compound.gate.id },
    });

    await planToday();
    await driverDelivers(parcel, { fullName: '孙丽华', masked: '孙*华', medicine: '阿托伐他汀' });
    // The gate's page is live: the parcel left at the gate shows without a reload.
    await gateHandsOver(gate, parcel, '孙丽华', 'prescription-online-gate.png');
    await gate.context().close();
  }, 240_000);
});
