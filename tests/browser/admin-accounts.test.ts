import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountList, District } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createCompound } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { hasChromium, WIDE } from './support/chromium.ts';
import { seriousViolations, settled } from './support/page-checks.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { gone, reads, shows } from './support/ui.ts';
import { en, type SeededDistrict, seedDistrict, zh } from './support/world.ts';

const SHOTS = join(process.cwd(), 'test-results', 'screens');

/** An administrator manages accounts in the web app, in Chinese. */
describe.skipIf(!hasChromium)('admin accounts page', () => {
  let stage: Stage;
  let city: SeededDistrict;
  let admin: Page;
  let token: string;
  let second: { id: string; name: string };

  beforeAll(async () => {
    stage = await startStage();
    city = await seedDistrict(stage.server.app.db);
    const compound = await createCompound(stage.server.app.db, city.district.id, { name: '康健新村' });
    second = { id: compound.id, name: compound.name };
    token = await loginAs(stage.server, city.people.admin.username, city.people.admin.password);
    admin = await signIn(stage.browser, stage.server, city.people.admin);
    await admin.goto('/admin/accounts');
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => stage?.stop());

  it('creates a gatekeeper with two compounds and deactivates a driver', async () => {
    onTestFailed(() => captureScreens('admin-accounts', { admin }));
    const form = admin.getByRole('form', { name: zh('accounts.create') });
    await form.getByLabel(zh('accounts.role')).selectOption('gatekeeper');
    await form.getByLabel(zh('accounts.username'), { exact: true }).fill('gate_kangjian');
    await form.getByLabel(zh('accounts.displayName')).fill('李门卫');
    await form.getByLabel(zh('accounts.firstPassword'), { exact: true }).fill('first-password-1');
    await form.getByLabel(/田林十二村/).check();
    await form.getByLabel(new RegExp(second.name)).check();
    await admin.screenshot({ path: join(SHOTS, 'admin-accounts-create.png'), fullPage: true });
    await form.getByRole('button', { name: zh('accounts.createSubmit') }).click();
    await shows(form.getByRole('status'));
    await reads(form.getByRole('status'), zh('accounts.created', { username: 'gate_kangjian' }));

    const res = await api<AccountList>(stage.server, 'GET', '/api/v1/accounts?q=gate_kangjian', { token });
    expect(res.body.accounts[0]?.compoundIds.sort()).toEqual([city.compound.id, second.id].sort());

    const driverRow = admin.getByRole('listitem', { name: city.people.driver.username });
    await driverRow.getByRole('button', { name: zh('accounts.deactivate') }).click();
    await shows(driverRow.getByRole('button', { name: zh('accounts.reactivate') }));
    await reads(driverRow, zh('accounts.inactive'), { contains: true });
    await admin.screenshot({ path: join(SHOTS, 'admin-accounts-list.png'), fullPage: true });
    const refused = await api(stage.server, 'POST', '/api/v1/auth/login', {
      body: { username: city.people.driver.username, password: city.people.driver.password },
    });
    expect(refused.status).toBe(401);
  });

  it("(en-US) widens a gatekeeper's scope and resets a password; the person chooses a new one at sign-in", async () => {
    const page = await signIn(stage.browser, stage.server, city.people.admin, {
      locale: 'en-US',
      device: WIDE,
    });
    onTestFailed(() => captureScreens('admin-accounts-en', { admin: page }));
    await page.goto('/admin/accounts');

    // The gatekeeper takes on the second compound: the scope editor saves it, the API agrees.
    const keeper = page.getByRole('listitem', { name: city.people.gatekeeper.username });
    await keeper.getByRole('button', { name: en('accounts.editScope') }).click();
    // An admin carries no scope: its row offers none to change.
    const adminRow = page.getByRole('listitem', { name: city.people.admin.username });
    await shows(adminRow.getByRole('button', { name: en('accounts.resetPassword') }));
    expect(await adminRow.getByRole('button', { name: en('accounts.editScope') }).count()).toBe(0);
    await keeper.getByLabel(new RegExp(second.name)).check();
    await keeper.getByRole('button', { name: en('accounts.saveScope') }).click();
    await gone(page.getByRole('button', { name: en('accounts.saveScope') }));
    await reads(page.getByRole('listitem', { name: city.people.gatekeeper.username }), second.name, {
      contains: true,
    });
    const listed = await api<AccountList>(
      stage.server,
      'GET',
      `/api/v1/accounts?q=${city.people.gatekeeper.username}`,
      { token },
    );
    expect(listed.body.accounts[0]?.compoundIds.sort()).toEqual([city.compound.id, second.id].sort());

    // A forgotten password: the admin sets a temporary one, the row says it must be changed.
    const desk = page.getByRole('listitem', { name: city.people.hospital.username });
    page.once('dialog', (dialog) => void dialog.accept('temporary-pass-1'));
    await desk.getByRole('button', { name: en('accounts.resetPassword') }).click();
    await reads(
      page.getByRole('listitem', { name: city.people.hospital.username }),
      en('accounts.mustChange'),
      {
        contains: true,
      },
    );
    await settled(page);
    await page.screenshot({ path: join(SHOTS, 'admin-accounts-en.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    // The old password no longer opens a session.
    const old = await api(stage.server, 'POST', '/api/v1/auth/login', {
      body: { username: city.people.hospital.username, password: city.people.hospital.password },
    });
    expect(old.status).toBe(401);

    // The desk signs in with the temporary password and must choose its own before anything else.
    const person = await signIn(
      stage.browser,
      stage.server,
      { username: city.people.hospital.username, password: 'temporary-pass-1' },
      { locale: 'en-US' },
    );
    onTestFailed(() => captureScreens('admin-accounts-reset', { desk: person }));
    await shows(person.getByRole('heading', { name: en('password.title') }));
    await person.getByLabel(en('password.current')).fill('temporary-pass-1');
    await person.getByLabel(en('password.new')).fill('my-own-passphrase-2');
    await person.getByRole('button', { name: en('password.submit') }).click();
    await gone(person.getByRole('heading', { name: en('password.title') }));
    const fresh = await api(stage.server, 'POST', '/api/v1/auth/login', {
      body: { username: city.people.hospital.username, password: 'my-own-passphrase-2' },
    });
    expect(fresh.status).toBe(200);
    await person.context().close();
    await page.context().close();
  });

  it('(en-US) a dispatcher is offered only the drivers of their own district', async () => {
    const page = await signIn(stage.browser, stage.server, city.people.dispatcher, {
      locale: 'en-US',
      device: WIDE,
    });
    onTestFailed(() => captureScreens('dispatcher-accounts-en', { dispatcher: page }));
    await page.goto('/dispatcher/accounts');
    const form = page.getByRole('form', { name: en('accounts.create') });
    await shows(page.getByRole('listitem', { name: city.people.driver.username }));
    const roles = await form.getByLabel(en('accounts.role')).locator('option').allTextContents();
    expect(roles).toEqual([en('role.driver')]);
    await shows(page.getByRole('listitem', { name: city.people.driver.username }));
    // Nobody else's account: not the gatekeeper, the desk or the admin.
    for (const other of [city.people.gatekeeper, city.people.hospital, city.people.admin])
      expect(await page.getByRole('listitem', { name: other.username }).count()).toBe(0);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('(zh-CN) creates a district and renames it', async () => {
    await admin.goto('/admin/districts');
    const form = admin.getByRole('form', { name: zh('districts.create') });
    await form.getByLabel(zh('districts.code')).fill('MH');
    await form.getByLabel(zh('districts.name')).fill('闵行区');
    await form.getByLabel(zh('districts.city')).fill('上海市');
    await form.getByLabel(zh('districts.lng')).fill('121.38');
    await form.getByLabel(zh('districts.lat')).fill('31.11');
    await form.getByRole('button', { name: zh('districts.save') }).click();
    const row = admin.getByRole('listitem').filter({ hasText: '闵行区' });
    await shows(row);
    await row.getByRole('button', { name: zh('districts.editButton') }).click();
    const edit = admin.getByRole('form', { name: '闵行区' });
    await edit.getByLabel(zh('districts.name')).fill('闵行区（封控）');
    await edit.getByRole('button', { name: zh('districts.save') }).click();
    await shows(admin.getByText('闵行区（封控）'));
    const districts = await api<District[]>(stage.server, 'GET', '/api/v1/districts', { token });
    expect(districts.body.find((d) => d.code === 'MH')).toMatchObject({
      name: '闵行区（封控）',
      city: '上海市',
    });
    await settled(admin);
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
