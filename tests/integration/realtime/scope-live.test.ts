import { accountScopes, accounts } from '@lastmeter/db';
import { recordScopeChanged } from '@lastmeter/server/domain/events/record-scope-changed.ts';
import { rooms } from '@lastmeter/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCompound, createVehicle } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, recordCommitted, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from '../patients/world.ts';

let server: TestServer;
let w: World;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
});

async function connect(token: string): Promise<TestClient> {
  const client = await connectClient(server, token);
  clients.push(client);
  return client;
}

/** Resolves with the next `welcome` the server sends: it names the socket's rooms after a scope change. */
function nextWelcome(client: TestClient): Promise<string[]> {
  return new Promise((resolve) => client.socket.once('welcome', (welcome) => resolve(welcome.rooms)));
}

describe('a socket follows its account’s scope while it stays open', () => {
  it('a gatekeeper taken off a compound stops hearing its registrations at once, without reconnecting', async () => {
    const compound = await createCompound(w.db, w.district.id);
    const keeper = await createAccount(w.db, 'gatekeeper', { compoundIds: [compound.id] });
    const stays = await createAccount(w.db, 'gatekeeper', { compoundIds: [compound.id] });
    const removed = await connect(await loginAs(server, keeper.username, keeper.password));
    const staysToken = await loginAs(server, stays.username, stays.password);
    const remaining = await connect(staysToken);
    expect(removed.rooms).toContain(rooms.compound(compound.id));

    const moved = nextWelcome(removed);
    const res = await api(server, 'PUT', `/api/v1/compounds/${compound.id}/gatekeepers`, {
      token: w.admin.token,
      body: { accountIds: [stays.id] },
    });
    expect(res.status).toBe(200);
    expect(await moved).not.toContain(rooms.compound(compound.id));
    expect(removed.socket.connected).toBe(true);
    await removed.waitFor((events) => events.some((e) => e.type === 'account.scope_changed'));

    const registered = await api<{ id: string }>(
      server,
      'POST',
      `/api/v1/compounds/${compound.id}/patients`,
      {
        token: staysToken,
        body: patientBody(),
      },
    );
    expect(registered.status).toBe(201);
    await remaining.waitFor((events) => events.some((e) => e.type === 'patient.registered'));
    await settle();
    expect(removed.events.filter((e) => e.stream === rooms.compound(compound.id))).toEqual([]);

    // Added back: the compound's stream starts again, live from its head.
    const back = nextWelcome(removed);
    await api(server, 'PUT', `/api/v1/compounds/${compound.id}/gatekeepers`, {
      token: w.admin.token,
      body: { accountIds: [stays.id, keeper.id] },
    });
    expect(await back).toContain(rooms.compound(compound.id));
    const next = await recordCommitted(server, { compoundId: compound.id, count: 1 }, [
      rooms.compound(compound.id),
    ]);
    await removed.waitFor((events) => events.some((e) => e.id === next.eventId));
  });

  it('a driver moved to another vehicle receives the new vehicle’s jobs and not the old one’s', async () => {
    const first = await createVehicle(w.db, w.district.id);
    const second = await createVehicle(w.db, w.district.id);
    const account = await createAccount(w.db, 'driver', { vehicleId: first.id });
    const driver = await connect(await loginAs(server, account.username, account.password));
    expect(driver.rooms).toContain(rooms.vehicle(first.id));

    const moved = nextWelcome(driver);
    const res = await api(server, 'PUT', `/api/v1/vehicles/${second.id}/driver`, {
      token: w.admin.token,
      body: { accountId: account.id },
    });
    expect(res.status).toBe(200);
    const now = await moved;
    expect(now).toContain(rooms.vehicle(second.id));
    expect(now).not.toContain(rooms.vehicle(first.id));

    const old = await recordCommitted(server, { legId: 'old' }, [rooms.vehicle(first.id)]);
    const fresh = await recordCommitted(server, { legId: 'new' }, [rooms.vehicle(second.id)]);
    await driver.waitFor((events) => events.some((e) => e.id === fresh.eventId));
    await settle();
    expect(driver.events.some((e) => e.id === old.eventId)).toBe(false);
    expect(driver.events.find((e) => e.id === fresh.eventId)).toMatchObject({
      stream: rooms.vehicle(second.id),
      offset: 1,
    });
  });

  it('a stream joined by a scope change starts where the change committed: nothing after it is lost', async () => {
    const compound = await createCompound(w.db, w.district.id);
    const account = await createAccount(w.db, 'gatekeeper', { compoundIds: [] });
    const keeper = await connect(await loginAs(server, account.username, account.password));
    const stream = rooms.compound(compound.id);
    const before = await recordCommitted(server, { marker: 'before' }, [stream]);

    // The compound is given to the gatekeeper, and the compound's stream moves on at once — before
    // the socket can have heard of the change and joined (each a commit of its own, back to back).
    const joined = nextWelcome(keeper);
    await w.db.transaction(async (tx) => {
      await tx.insert(accountScopes).values({ accountId: account.id, compoundId: compound.id });
      await recordScopeChanged(tx, account.id, w.admin.id);
    });
    const after: Awaited<ReturnType<typeof recordCommitted>>[] = [];
    for (let i = 0; i < 3; i++) after.push(await recordCommitted(server, { marker: `after ${i}` }, [stream]));

    expect(await joined).toContain(stream);
    await keeper.waitFor((events) => events.some((e) => e.id === after[2]!.eventId));
    const received = keeper.events.filter((e) => e.stream === stream);
    // Every event committed after the change, once each and in order; nothing from before it.
    expect(received.map((e) => e.id)).toEqual(after.map((a) => a.eventId));
    expect(received.map((e) => e.offset)).toEqual([2, 3, 4]);
    expect(received.some((e) => e.id === before.eventId)).toBe(false);
    const change = keeper.events.find((e) => e.type === 'account.scope_changed');
    expect(change?.payload).toMatchObject({ accountId: account.id, heads: { [stream]: 1 } });
  });

  it('a deactivated account’s open sockets are told why and disconnected', async () => {
    const account = await createAccount(w.db, 'dispatcher', { districtIds: [w.district.id] });
    const client = await connect(await loginAs(server, account.username, account.password));
    const ended = new Promise<string>((resolve) =>
      client.socket.once('session:ended', (payload) => resolve(payload.reason)),
    );
    const gone = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
    await w.db.transaction(async (tx) => {
      await tx.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, account.id));
      await recordScopeChanged(tx, account.id, w.admin.id);
    });
    expect(await ended).toBe('deactivated');
    await gone;
  });
});
