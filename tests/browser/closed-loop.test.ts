import type { LegView } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium, PHONE } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { gone, reads, shows } from './support/ui.ts';
import { cityToday, zh } from './support/world.ts';

describe.skipIf(!hasChromium)('the closed loop, one person per browser', () => {
  const world = useBrowserWorld();

  it('registers a dialysis patient, books the round trip, and brings them to hospital and back', async () => {
    const { server, browser, city } = world;
    const { date, weekday } = cityToday();
    // The day runs on the server's clock from 09:00 city time (tests/support/clock.ts), so the same
    // session is ahead at whatever hour the test runs; later steps move the clock to each planned time.
    server.clock.set(`${date}T09:00:00+08:00`);
    const patientName = '王建国';
    // Outside the gatekeeper's registry the name is masked (王*国): match either.
    const shownName = /王.国/;
    const screens: Record<string, Page | undefined> = {};
    onTestFailed(() => captureScreens('closed-loop', screens));

    // The gatekeeper registers the patient through the form.
    const gatekeeper = await signIn(browser, server, city.people.gatekeeper);
    screens.gatekeeper = gatekeeper;
    await gatekeeper.goto('/gatekeeper/patients/new');
    await gatekeeper.locator('input[name="name"]').fill(patientName);
    await gatekeeper.locator('input[name="nationalId"]').fill(validNationalId('1958-03-02'));
    await gatekeeper.locator('input[name="phone"]').fill('13912345678');
    await gatekeeper.locator('select[name="needs.0.kind"]').selectOption('dialysis');
    await gatekeeper.getByRole('checkbox', { name: zh(`weekday.${weekday}` as 'weekday.1') }).check();
    // A session still ahead today (the server's clock stands at 09:00): a round trip is never made
    // for an appointment already past.
    await gatekeeper.locator('input[name="needs.0.schedule.startTime"]').fill('10:00');
    await gatekeeper.locator('input[name="consent.givenBy"]').fill(patientName);
    await gatekeeper.locator('select[name="consent.relation"]').selectOption('self');
    await gatekeeper.getByRole('button', { name: zh('patient.register') }).click();
    await gatekeeper.waitForURL(/\/gatekeeper\/patients\/[0-9a-f-]{36}/);
    await shows(gatekeeper.getByText(zh('needKind.dialysis')).first());

    // No screen turns care needs into a day's requests: the server does it on request (a daily job's
    // work), so the test asks the API as dispatch would.
    const dispatchToken = await loginAs(
      server,
      city.people.dispatcher.username,
      city.people.dispatcher.password,
    );
    /** Sets the server's clock to a planned time of the patient's leg (tests/support/clock.ts). */
    const clockAt = async (day: string, direction: LegView['direction'], at: 'plannedPickupAt') => {
      const legs = await api<LegView[]>(
        server,
        'GET',
        `/api/v1/districts/${city.district.id}/legs?date=${day}`,
        {
          token: dispatchToken,
        },
      );
      const leg = legs.body.find((l) => l.direction === direction && shownName.test(l.patient.name));
      if (!leg?.[at]) throw new Error(`no ${direction} leg with a ${at}`);
      server.clock.set(leg[at]);
      // The screens judge what opens when ("out" shortly before the pickup) by the device's clock:
      // every page open stands at the same moment as the server (timers keep running).
      for (const page of Object.values(screens))
        if (page) await page.context().clock.setFixedTime(new Date(leg[at]));
    };
    /** Waits until the driver's card shows the patient's leg at the version the server has now. */
    const showsCurrentVersion = async (direction: LegView['direction']) => {
      const legs = await api<LegView[]>(
        server,
        'GET',
        `/api/v1/districts/${city.district.id}/legs?date=${date}`,
        { token: dispatchToken },
      );
      const leg = legs.body.find((l) => l.direction === direction && shownName.test(l.patient.name));
      if (!leg) throw new Error(`no ${direction} leg`);
      await shows(driver.locator(`article.job-card[data-version="${leg.version}"]`));
    };
    const generated = await api<{ created: number }>(server, 'POST', '/api/v1/requests/generate', {
      token: dispatchToken,
      body: { districtId: city.district.id, date },
    });
    expect(generated.status).toBe(200);

    // The driver's phone and the hospital's desk are open before anything is booked: both must hear live.
    const driver = await signIn(browser, server, city.people.driver, { device: PHONE });
    screens.driver = driver;
    await shows(driver.getByText(zh('driver.noJobs')));
    const hospital = await signIn(browser, server, city.people.hospital);
    screens.hospital = hospital;
    await shows(hospital.getByText(zh('hospital.arrivals.empty')));

    // The dispatcher creates the round trip from the queue and books both legs onto the car by hand.
    // ("Plan the day" would do the same, but which car and time it picks depends on the wall clock:
    // a car on shift is free only from now on. Manual assignment keeps this test the same at any hour.)
    const dispatcher = await signIn(browser, server, city.people.dispatcher);
    screens.dispatcher = dispatcher;
    const request = dispatcher.locator('li', { hasText: shownName }).filter({
      has: dispatcher.getByRole('button', { name: zh('dispatch.queue.createTrip') }),
    });
    await request.getByRole('button', { name: zh('dispatch.queue.createTrip') }).click();
    for (const direction of ['outbound', 'return'] as const) {
      const leg = dispatcher
        .locator('li', { hasText: shownName })
        .filter({ hasText: zh(`direction.${direction}`) })
        .filter({ has: dispatcher.getByRole('button', { name: zh('dispatch.queue.assign') }) });
      await leg.getByRole('button', { name: zh('dispatch.queue.assign') }).click();
      const form = dispatcher.locator('form.assign-form');
      await form.getByLabel(zh('dispatch.assign.vehicle')).selectOption(city.vehicle.id);
      await form.getByRole('button', { name: zh('dispatch.assign.submit') }).click();
      await gone(form);
    }
    await shows(dispatcher.getByText(zh('dispatch.queue.noLegs')));

    // The gate's schedule shows who leaves in which car; the "out" button waits for the driver.
    await gatekeeper.goto('/gatekeeper');
    const leaving = gatekeeper.locator('li.gate-item[data-direction="outbound"]', { hasText: shownName });
    await reads(leaving, city.vehicle.plate, { contains: true });
    await reads(leaving.locator('.badge[data-status]'), zh('legStatus.assigned'));

    // The driver's phone shows the job without a reload, and the driver steps through it.
    const job = driver.locator('article.job-card').first();
    await shows(job.getByRole('heading', { name: zh('driver.outbound') }));
    await shows(job.getByText(shownName));
    await reads(job, city.compound.name, { contains: true });
    await showsCurrentVersion('outbound');
    const step = async (name: Parameters<typeof zh>[0], status: Parameters<typeof zh>[0]) => {
      await job.getByRole('button', { name: zh(name), exact: true }).click();
      await reads(job.locator('.job-header .badge').first(), zh(status));
    };
    await step('driver.step.accept', 'legStatus.accepted');
    await step('driver.step.depart', 'legStatus.en_route');
    // The car reaches the gate at the planned pickup: the server's clock and every screen stand
    // there ("out" opens shortly before it, whenever the test runs).
    await clockAt(date, 'outbound', 'plannedPickupAt');
    await step('driver.step.reach_pickup', 'legStatus.at_pickup');
    await shows(job.getByText(zh('driver.waiting.gatekeeper_out')));

    // The gatekeeper's page, open all along, saw the car reach the gate; the patient goes out.
    await reads(leaving.locator('.badge[data-status]'), zh('legStatus.at_pickup'));
    // "Out" asks first and can be undone for a few seconds; only then does it reach the server.
    await leaving.getByRole('button', { name: zh('gate.out') }).click();
    await gatekeeper.getByRole('button', { name: zh('gate.confirmOutYes') }).click();
    await gone(gatekeeper.getByRole('button', { name: zh('gate.undo') }));
    await reads(leaving.locator('.badge[data-status]'), zh('legStatus.on_board'));

    // The driver sees the patient on board (live) and delivers them.
    await reads(job.locator('.job-header .badge').first(), zh('legStatus.on_board'));
    await step('driver.step.arrive', 'legStatus.arrived');

    // The hospital's board shows the arrival; the desk confirms it, then finishes treatment.
    const arrival = hospital.getByRole('row', { name: shownName });
    await reads(arrival, zh('legStatus.arrived'), { contains: true });
    await arrival.getByRole('button', { name: zh('hospital.arrivals.confirm') }).click();
    // Four hours of dialysis later (the return's booked pickup), the desk finishes the treatment.
    await clockAt(date, 'return', 'plannedPickupAt');
    const treated = hospital.locator('li', { hasText: shownName });
    await treated.getByRole('button', { name: zh('hospital.treatment.finish') }).click();
    await shows(treated.getByText(zh('hospital.treatment.released')));

    // The driver's phone moves on to the return, live, and drives it — once it shows the leg as the
    // server now has it: the release re-times the return, and a step taken on an older version of a
    // leg is refused as a conflict (the driver would be accepting times they have not seen).
    await shows(job.getByRole('heading', { name: zh('driver.return') }));
    await showsCurrentVersion('return');
    await step('driver.step.accept', 'legStatus.accepted');
    await step('driver.step.depart', 'legStatus.en_route');
    await step('driver.step.reach_pickup', 'legStatus.at_pickup');
    await step('driver.step.board', 'legStatus.on_board');
    await step('driver.step.arrive', 'legStatus.arrived');
    await shows(job.getByText(zh('driver.waiting.gatekeeper_back')));

    // The gatekeeper, still on the gate page, sees the car back and confirms: the loop is closed.
    const returning = gatekeeper.locator('li.gate-item[data-direction="return"]', { hasText: shownName });
    await returning.getByRole('button', { name: zh('gate.back') }).click();
    await shows(gatekeeper.getByText(zh('gate.doneList', { count: 2 })));
    await shows(gatekeeper.getByText(zh('gate.summary', { out: 1, back: 1, done: 2 })));
    await gone(job);
    await shows(driver.getByText(zh('driver.noJobs')));
  });
});
