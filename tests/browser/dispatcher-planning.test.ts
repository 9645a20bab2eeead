import { vehicles } from '@lastmeter/db';
import { maskName } from '@lastmeter/server/domain/mask-identity.ts';
import { formatPlannerReason } from '@lastmeter/shared/planner.ts';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { formatTime } from '../../web/src/i18n/format.ts';
import { createAccount, createCompound, createVehicle, square } from '../support/factories.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens } from './support/session.ts';
import { districtLegs, figure, openDispatchBoard, type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import {
  addDays,
  bookDialysisRoundTrip,
  cityToday,
  type SeededDistrict,
  seedDistrict,
  zh,
} from './support/world.ts';

/**
 * Tomorrow's dialysis in a district of two compounds and two cars: three patients the fleet can carry
 * and one on a stretcher, who needs a 120 ambulance the district does not have. Planning a later day
 * keeps the outcome independent of the hour the test runs (today's early sessions would be past).
 */
describe.skipIf(!hasChromium)('dispatcher plans the day', () => {
  let stage: Stage;
  let server: TestServer;
  let city: SeededDistrict;
  let dispatcher: Page;
  let token: string;
  const date = addDays(cityToday().date, 1);
  const vanPlate = '沪A·W5678';
  const patients = {
    wheelchair: '李秀英',
    walkerA: '张建华',
    walkerB: '王美玲',
    stretcher: '赵国强',
  };
  let stretcherLegs: { outbound: string; return: string };

  const dayLegs = () => districtLegs(server, token, city, date);

  /** The key figures read as expected; the section, for further looks. */
  const keyFigures = async (expected: {
    served: number;
    total: number;
    inUse: number;
    onDuty: number;
    unmet: number;
    onTime: string;
  }) => {
    const figures = dispatcher.locator('section.key-figures');
    const served = figure(figures, zh('dispatch.figures.served'));
    await reads(served.locator('strong'), `${Math.round((expected.served / expected.total) * 100)}%`);
    await reads(served, zh('dispatch.figures.servedOf', expected), { contains: true });
    const vehicles = figure(figures, zh('dispatch.figures.vehicles'));
    await reads(vehicles.locator('strong'), String(expected.inUse));
    await reads(vehicles, zh('dispatch.figures.vehiclesOf', { total: expected.onDuty }), { contains: true });
    await reads(figure(figures, zh('dispatch.figures.unmet')).locator('strong'), String(expected.unmet));
    await reads(figure(figures, zh('dispatch.figures.onTime')).locator('strong'), expected.onTime);
    return figures;
  };

  beforeAll(async () => {
    stage = await startStage();
    server = stage.server;
    city = await seedDistrict(server.app.db);
    const db = server.app.db;
    // The district's volunteer car has no wheelchair place here, so the wheelchair patient can only
    // ride the van below.
    await db.update(vehicles).set({ wheelchairPlaces: 0 }).where(eq(vehicles.id, city.vehicle.id));
    // A community van with wheelchair places, and its driver.
    const van = await createVehicle(db, city.district.id, {
      plate: vanPlate,
      kind: 'requisitioned',
      seats: 6,
      wheelchairPlaces: 2,
      shiftStart: '06:00',
      shiftEnd: '20:00',
    });
    await createAccount(db, 'driver', { vehicleId: van.id });
    // A second compound with its own gatekeeper, so unmet demand is told apart by compound.
    const compoundB = await createCompound(db, city.district.id, {
      name: '康健新村',
      boundary: square(121.42, 31.16, 0.002),
    });
    const gatekeeperB = await createAccount(db, 'gatekeeper', { compoundIds: [compoundB.id] });
    const cityB: SeededDistrict = {
      ...city,
      compound: compoundB,
      people: {
        ...city.people,
        gatekeeper: { username: gatekeeperB.username, password: gatekeeperB.password },
      },
    };
    const queued = { date, vehicleId: null };
    await bookDialysisRoundTrip(server, city, { name: patients.wheelchair, startTime: '07:00' }, queued);
    await bookDialysisRoundTrip(
      server,
      city,
      { name: patients.walkerA, startTime: '08:00', mobility: 'walk' },
      queued,
    );
    await bookDialysisRoundTrip(
      server,
      cityB,
      { name: patients.walkerB, startTime: '09:30', mobility: 'walk' },
      queued,
    );
    ({ legIds: stretcherLegs } = await bookDialysisRoundTrip(
      server,
      cityB,
      { name: patients.stretcher, startTime: '08:30', mobility: 'stretcher' },
      queued,
    ));
    // A dispatcher's laptop set to Berlin time still shows the city's clock.
    ({ page: dispatcher, token } = await openDispatchBoard(stage, city, {
      date,
      timezoneId: 'Europe/Berlin',
    }));
  });
  afterAll(() => stage?.stop());

  it('key figures before planning: nothing served, all demand unmet by compound and service', async () => {
    onTestFailed(() => captureScreens('plan-figures-before', { dispatcher }));
    const figures = await keyFigures({ served: 0, total: 4, inUse: 0, onDuty: 2, unmet: 4, onTime: '—' });
    await figures.getByText(zh('dispatch.figures.unmetTable')).click();
    const table = figures.locator('table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      zh('dispatch.compound'),
      zh('service.dialysis'),
    ]);
    await reads(table.getByRole('row', { name: city.compound.name }).locator('td'), '2');
    await reads(table.getByRole('row', { name: '康健新村' }).locator('td'), '2');
  });

  it('plans with progress, then sums up served and unserved legs, with the reason in Chinese', async () => {
    onTestFailed(() => captureScreens('plan-day', { dispatcher }));
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.plan') }).click();
    await dispatcher.getByRole('button', { name: zh('dispatch.plan.run') }).click();
    // The planner searches for a few seconds: the button says so and a progress bar runs.
    await shows(dispatcher.getByRole('button', { name: zh('dispatch.plan.running') }));
    await shows(dispatcher.locator('.plan-progress progress'));
    const result = dispatcher.locator('.plan-result');
    await shows(result.getByRole('heading', { name: zh('dispatch.plan.result') }), { within: 120_000 });

    await reads(figure(result, zh('dispatch.plan.served')).locator('strong'), '6');
    await reads(figure(result, zh('dispatch.plan.unserved')).locator('strong'), '2');
    await reads(figure(result, zh('dispatch.plan.awaiting')).locator('strong'), '0');

    // The stretcher patient's two legs are not served: scheduled stretcher transport needs a 120
    // ambulance, and the district has none. The reason reads in Chinese, with who and which leg.
    const reasons = result.locator('ul.reason-list > li');
    expect(await reasons.count()).toBe(2);
    const noAmbulance = formatPlannerReason({ code: 'no_ambulance', params: {} }, 'zh-CN');
    expect(noAmbulance).toBe('需要 120 救护车，但没有可用的救护车');
    const outbound = reasons.filter({ hasText: zh('direction.outbound') });
    await reads(
      outbound.locator('strong'),
      `${maskName(patients.stretcher)} · ${zh('direction.outbound')} · 康健新村`,
    );
    await reads(outbound.locator('span'), noAmbulance);
    await reads(reasons.filter({ hasText: zh('direction.return') }), maskName(patients.stretcher), {
      contains: true,
    });

    // What the page reported is what the server booked.
    const legs = await dayLegs();
    const booked = legs.filter((l) => l.vehicle);
    expect(booked).toHaveLength(6);
    expect(
      legs
        .filter((l) => !l.vehicle)
        .map((l) => l.id)
        .sort(),
    ).toEqual([stretcherLegs.outbound, stretcherLegs.return].sort());
    // The wheelchair patient can only ride the van.
    const wheelchairLegs = legs.filter((l) => l.patient.name === maskName(patients.wheelchair));
    expect(wheelchairLegs.map((l) => l.vehicle?.plate)).toEqual([vanPlate, vanPlate]);
  });

  it("each vehicle's timeline shows its legs in time order, masked, in Shanghai time", async () => {
    onTestFailed(() => captureScreens('plan-timeline', { dispatcher }));
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.timeline') }).click();
    const legs = await dayLegs();
    const vehicles = [...new Set(legs.flatMap((l) => (l.vehicle ? [l.vehicle.plate] : [])))];
    expect(vehicles.length).toBeGreaterThan(0);
    const rows = dispatcher.locator('li.timeline-row');
    await shows(rows);
    expect(await rows.count()).toBe(vehicles.length);
    for (const plate of vehicles) {
      const own = legs
        .filter((l) => l.vehicle?.plate === plate)
        .sort((a, b) => Date.parse(a.plannedPickupAt ?? '') - Date.parse(b.plannedPickupAt ?? ''));
      const expected = own.map(
        (l) =>
          `${l.patient.name} · ${zh(`direction.${l.direction}`)} · ${formatTime(l.plannedPickupAt ?? '', 'zh-CN')}–${formatTime(l.plannedDropoffAt ?? '', 'zh-CN')} · ${zh('legStatus.assigned')}`,
      );
      const bars = rows.filter({ hasText: plate }).locator('button.timeline-bar');
      const labels = await Promise.all((await bars.all()).map((bar) => bar.getAttribute('aria-label')));
      expect(labels).toEqual(expected);
      // Names stay masked on the dispatcher's screen.
      for (const name of await bars.allInnerTexts()) expect(name).toMatch(/^.\*+.?$/);
    }
    // The wheelchair patient's session at 07:00 in Shanghai: the van delivers before it.
    const wheelchair = legs.find(
      (l) => l.patient.name === maskName(patients.wheelchair) && l.direction === 'outbound',
    );
    const dropoff = formatTime(wheelchair?.plannedDropoffAt ?? '', 'zh-CN');
    expect(dropoff <= '07:00').toBe(true);
    expect(dropoff >= '06:00').toBe(true);
  });

  it('key figures after planning: served share, vehicles in use, unmet demand where it is', async () => {
    onTestFailed(() => captureScreens('plan-figures-after', { dispatcher }));
    const legs = await dayLegs();
    const inUse = new Set(legs.flatMap((l) => (l.vehicle ? [l.vehicle.id] : []))).size;
    const figures = await keyFigures({ served: 3, total: 4, inUse, onDuty: 2, unmet: 1, onTime: '100%' });
    const details = figures.locator('details');
    if ((await details.getAttribute('open')) === null)
      await figures.getByText(zh('dispatch.figures.unmetTable')).click();
    const table = figures.locator('table');
    expect(await table.locator('tbody tr').count()).toBe(1);
    await reads(table.getByRole('row', { name: '康健新村' }).locator('td'), '1');
  });
});
