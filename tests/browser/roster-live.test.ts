import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { createAccount, validNationalId } from '../support/factories.ts';
import { api, loginAs } from '../support/http.ts';
import { useBrowserWorld } from './support/browser-world.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens, signIn } from './support/session.ts';
import { reads, shows } from './support/ui.ts';
import { zh } from './support/world.ts';

describe.skipIf(!hasChromium)('two gatekeepers of one compound', () => {
  const world = useBrowserWorld();

  it("one corrects a patient and switches off a need; the other's open roster follows without a reload", async () => {
    const { server, browser, city } = world;
    const token = await loginAs(server, city.people.gatekeeper.username, city.people.gatekeeper.password);
    const registered = await api<{ id: string }>(
      server,
      'POST',
      `/api/v1/compounds/${city.compound.id}/patients`,
      {
        token,
        body: {
          name: '孙丽华',
          nationalId: validNationalId('1962-07-08', 'female'),
          phone: '13822223333',
          mobility: 'walk',
          consent: { givenBy: '孙丽华', relation: 'self', purposes: ['transport'] },
          needs: [{ kind: 'dialysis', schedule: { weekdays: [2, 4, 6], startTime: '09:00' } }],
        },
      },
    );
    expect(registered.status).toBe(201);
    const colleague = await createAccount(server.app.db, 'gatekeeper', { compoundIds: [city.compound.id] });

    const screens: Record<string, Page | undefined> = {};
    onTestFailed(() => captureScreens('roster-live', screens));
    const watching = await signIn(browser, server, city.people.gatekeeper);
    screens.watching = watching;
    await watching.getByRole('link', { name: zh('gk.nav.patients') }).click();
    const row = watching.locator('table tbody tr', {
      has: watching.getByRole('rowheader', { name: '孙丽华' }),
    });
    await reads(row, zh('mobility.walk'), { contains: true });
    await reads(row, zh('needKind.dialysis'), { contains: true });

    // The colleague, at another desk, corrects the mobility on the edit form…
    const editing = await signIn(browser, server, colleague);
    screens.editing = editing;
    await editing.goto(`/gatekeeper/patients/${registered.body.id}`);
    await editing.getByLabel(zh('patient.mobility')).selectOption({ label: zh('mobility.stretcher') });
    await editing.getByRole('button', { name: zh('patient.save') }).click();
    await shows(editing.getByRole('status').filter({ hasText: zh('gk.editPatient.saved') }));
    await reads(row, zh('mobility.stretcher'), { contains: true });

    // …and switches the dialysis off: it leaves the open roster too.
    await editing.getByRole('button', { name: zh('need.deactivate') }).click();
    await shows(editing.getByText(zh('need.inactive')));
    // The needs column (after the address) empties.
    await reads(row.locator('td').nth(1), '—');
  });
});
