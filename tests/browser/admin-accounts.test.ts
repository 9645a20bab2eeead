import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountList } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createCompound } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import { type SeededDistrict, seedDistrict, zh } from './support/world.ts';

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
});
