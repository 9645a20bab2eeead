import { maskName } from '@lastmeter/server/domain/mask-identity.ts';
import { ERROR_MESSAGES, type LegView } from '@lastmeter/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { formatTime } from '../../web/src/i18n/format.ts';
import { createAccount, createVehicle } from '../support/factories.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens } from './support/session.ts';
import { districtLegs, figure, openDispatchBoard, type Stage, startStage } from './support/stage.ts';
import { gone, reads, shows } from './support/ui.ts';
import {
  addDays,
  bookDialysisRoundTrip,
  cityToday,
  type SeededDistrict,
  seedDistrict,
  zh,
} from './support/world.ts';

/**
 * Two patients with the same 08:00 session tomorrow: 李秀英 is booked on the district's car, 张建华 waits
 * in the queue. Putting 张建华 on the same car at the same time must be refused with the clash named;
 * the other car takes him.
 */
describe.skipIf(!hasChromium)('dispatcher assigns and reassigns by hand', () => {
  let stage: Stage;
  let server: TestServer;
  let city: SeededDistrict;
  let dispatcher: Page;
  let token: string;
  const date = addDays(cityToday().date, 1);
  const vanPlate = '沪A·W5678';
  const booked = '李秀英';
  const waiting = '张建华';

  const dayLegs = () => districtLegs(server, token, city, date);
  const legOf = async (name: string, direction: LegView['direction']) => {
    const leg = (await dayLegs()).find((l) => l.patient.name === maskName(name) && l.direction === direction);
    if (!leg) throw new Error(`no ${direction} leg of ${name}`);
    return leg;
  };
  const form = () => dispatcher.locator('form.assign-form');
  const chooseAndSubmit = async (plate: string) => {
    const select = form().getByLabel(zh('dispatch.assign.vehicle'));
    const value = await select.locator('option', { hasText: plate }).getAttribute('value');
    await select.selectOption(value ?? '');
    await form()
      .getByRole('button', { name: zh('dispatch.assign.submit') })
      .click();
  };
  /** The queue's row of a leg still waiting for a vehicle. */
  const queued = (name: string, direction: LegView['direction']): Locator =>
    dispatcher
      .locator('ul.queue-list > li', { hasText: maskName(name) })
      .filter({ hasText: zh(`direction.${direction}`) });

  /** The key figures' served share: requests whose every leg has a vehicle, however it got one. */
  const servedReads = async (served: number, total: number) => {
    const figures = dispatcher.locator('section.key-figures');
    const cell = figure(figures, zh('dispatch.figures.served'));
    await reads(cell.locator('strong'), `${Math.round((served / total) * 100)}%`);
    await reads(cell, zh('dispatch.figures.servedOf', { served, total }), { contains: true });
    await reads(figure(figures, zh('dispatch.figures.unmet')).locator('strong'), String(total - served));
  };

  beforeAll(async () => {
    stage = await startStage();
    server = stage.server;
    city = await seedDistrict(server.app.db);
    const van = await createVehicle(server.app.db, city.district.id, {
      plate: vanPlate,
      kind: 'requisitioned',
      seats: 6,
      wheelchairPlaces: 2,
    });
    await createAccount(server.app.db, 'driver', { vehicleId: van.id });
    await bookDialysisRoundTrip(
      server,
      city,
      { name: booked, startTime: '08:00', mobility: 'walk' },
      { date },
    );
    await bookDialysisRoundTrip(
      server,
      city,
      { name: waiting, startTime: '08:00', mobility: 'walk' },
      { date, vehicleId: null },
    );
    ({ page: dispatcher, token } = await openDispatchBoard(stage, city, { date }));
  });
  afterAll(() => stage?.stop());

  it('refuses a car already busy then, naming what it clashes with, in Chinese', async () => {
    onTestFailed(() => captureScreens('assign-clash', { dispatcher }));
    await shows(dispatcher.getByRole('heading', { name: zh('dispatch.queue.legs', { count: 2 }) }));
    // 李秀英 was booked by hand, both ways: she counts as served.
    await servedReads(1, 2);
    await queued(waiting, 'outbound')
      .getByRole('button', { name: zh('dispatch.queue.assign') })
      .click();
    await shows(form().getByRole('heading', { name: zh('dispatch.assign.title') }));
    await chooseAndSubmit(city.vehicle.plate);

    const alert = form().getByRole('alert');
    await reads(alert, ERROR_MESSAGES.booking_conflict['zh-CN'], { contains: true });
    await reads(alert, zh('dispatch.assign.clashesWith'), { contains: true });
    const clashing = await legOf(booked, 'outbound');
    const from = formatTime(clashing.plannedPickupAt ?? '', 'zh-CN');
    await reads(
      alert.locator('li'),
      `${zh('dispatch.assign.sameVehicle', { plate: city.vehicle.plate })}: ${maskName(booked)} · ${zh('direction.outbound')} · ${city.compound.name} → ${clashing.hospital.name} · ${from}–`,
      { contains: true },
    );
    await reads(alert.locator('li'), zh('legStatus.assigned'), { contains: true });
    // Nothing was booked: the leg still waits in the queue.
    expect((await legOf(waiting, 'outbound')).vehicle).toBeNull();
  });

  it('books a free car: the form closes and the queue shrinks', async () => {
    onTestFailed(() => captureScreens('assign-ok', { dispatcher }));
    await chooseAndSubmit(vanPlate);
    await gone(form());
    await shows(dispatcher.getByRole('heading', { name: zh('dispatch.queue.legs', { count: 1 }) }));
    await gone(queued(waiting, 'outbound'));
    await shows(queued(waiting, 'return'));
    const leg = await legOf(waiting, 'outbound');
    expect(leg.vehicle?.plate).toBe(vanPlate);
    expect(leg.status).toBe('assigned');
    // Half a round trip is not a served request.
    await servedReads(1, 2);
  });

  it('reassigns from the timeline: a clash on the new car is explained, a free slot moves the leg', async () => {
    onTestFailed(() => captureScreens('reassign', { dispatcher }));
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.timeline') }).click();
    const carRow = dispatcher.locator('li.timeline-row', { hasText: city.vehicle.plate });
    // 李秀英's outbound leg: moving it to the van collides with 张建华, now on the van at 08:00.
    await carRow.getByRole('button', { name: `${maskName(booked)} · ${zh('direction.outbound')}` }).click();
    await shows(form().getByRole('heading', { name: zh('dispatch.assign.reassignTitle') }));
    await chooseAndSubmit(vanPlate);
    const alert = form().getByRole('alert');
    await reads(
      alert.locator('li'),
      `${zh('dispatch.assign.sameVehicle', { plate: vanPlate })}: ${maskName(waiting)} · ${zh('direction.outbound')}`,
      { contains: true },
    );
    expect((await legOf(booked, 'outbound')).vehicle?.plate).toBe(city.vehicle.plate);
    await form()
      .getByRole('button', { name: zh('dispatch.close') })
      .click();

    // Her return at noon: the van is free then, so the leg moves.
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.timeline') }).click();
    await carRow.getByRole('button', { name: `${maskName(booked)} · ${zh('direction.return')}` }).click();
    await chooseAndSubmit(vanPlate);
    await gone(form());
    expect((await legOf(booked, 'return')).vehicle?.plate).toBe(vanPlate);
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.timeline') }).click();
    const vanRow = dispatcher.locator('li.timeline-row', { hasText: vanPlate });
    await shows(vanRow.locator('button.timeline-bar', { hasText: maskName(booked) }));
  });

  it('books the return too: the request counts as served, nothing is left unmet', async () => {
    onTestFailed(() => captureScreens('assign-return', { dispatcher }));
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.queue') }).click();
    await queued(waiting, 'return')
      .getByRole('button', { name: zh('dispatch.queue.assign') })
      .click();
    // Her return has moved to the van: the car is free at noon now.
    await chooseAndSubmit(city.vehicle.plate);
    await gone(form());
    await shows(dispatcher.getByText(zh('dispatch.queue.noLegs')));
    await servedReads(2, 2);
    await shows(dispatcher.getByText(zh('dispatch.figures.noUnmet')));
  });
});
