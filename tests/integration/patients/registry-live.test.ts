import { rooms, type StreamEvent } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { connectClient, settle, type TestClient } from '../../support/sockets.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from './world.ts';

let server: TestServer;
let w: World;
/** A second gatekeeper of compound A, whose roster is open while the first one edits. */
let colleague: TestClient;
let dispatcher: TestClient;
let otherCompound: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
  const account = await createAccount(w.db, 'gatekeeper', { compoundIds: [w.compoundA.id] });
  colleague = await connectClient(server, await loginAs(server, account.username, account.password));
  dispatcher = await connectClient(server, w.dispatcher.token);
  otherCompound = await connectClient(server, w.gatekeeperB.token);
});
afterAll(async () => {
  for (const client of [colleague, dispatcher, otherCompound]) client?.close();
  await server.stop();
});

interface PatientView {
  id: string;
  needs: Array<{ id: string; kind: string }>;
}

/** The one event of `type` about `patientId` on `stream`, once it has arrived. */
async function eventOn(
  client: TestClient,
  stream: string,
  type: string,
  matches: (payload: Record<string, unknown>) => boolean,
): Promise<StreamEvent> {
  const found = (events: StreamEvent[]) =>
    events.filter((e) => e.stream === stream && e.type === type && matches(e.payload));
  await client.waitFor((events) => found(events).length > 0);
  const [event, ...more] = found(client.events);
  expect(more).toEqual([]);
  return event as StreamEvent;
}

describe('registry corrections reach open rosters live', () => {
  it('publishes a patient edit, a need change and a need switched off to the compound and district streams', async () => {
    const body = patientBody();
    const created = await api<PatientView>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body,
    });
    expect(created.status).toBe(201);
    const patientId = created.body.id;
    const needId = created.body.needs[0]?.id;
    const compoundStream = rooms.compound(w.compoundA.id);
    const districtStream = rooms.district(w.district.id);
    await eventOn(colleague, compoundStream, 'patient.registered', (p) => p.patientId === patientId);

    const edited = await api(server, 'PATCH', `/api/v1/patients/${patientId}`, {
      token: w.gatekeeperA.token,
      body: { mobility: 'stretcher', phone: '13900001111' },
    });
    expect(edited.status).toBe(200);
    const updated = await eventOn(
      colleague,
      compoundStream,
      'patient.updated',
      (p) => p.patientId === patientId,
    );
    // Which fields changed, never their values: identity stays behind the presenters.
    expect(updated.payload).toEqual({ patientId, compoundId: w.compoundA.id, fields: ['mobility', 'phone'] });
    expect(JSON.stringify(updated)).not.toContain('13900001111');
    await eventOn(dispatcher, districtStream, 'patient.updated', (p) => p.patientId === patientId);

    const changed = await api(server, 'PATCH', `/api/v1/patients/${patientId}/needs/${needId}`, {
      token: w.gatekeeperA.token,
      body: { schedule: { weekdays: [2, 4, 6], startTime: '13:00', sessionMinutes: 240 } },
    });
    expect(changed.status).toBe(200);
    const isNeed = (active: boolean) => (p: Record<string, unknown>) =>
      p.needId === needId && p.active === active;
    expect((await eventOn(colleague, compoundStream, 'patient.need_changed', isNeed(true))).payload).toEqual({
      patientId,
      needId,
      kind: 'dialysis',
      active: true,
    });
    await eventOn(dispatcher, districtStream, 'patient.need_changed', isNeed(true));

    const deactivated = await api(
      server,
      'POST',
      `/api/v1/patients/${patientId}/needs/${needId}/deactivate`,
      {
        token: w.gatekeeperA.token,
      },
    );
    expect(deactivated.status).toBe(200);
    expect((await eventOn(colleague, compoundStream, 'patient.need_changed', isNeed(false))).payload).toEqual(
      { patientId, needId, kind: 'dialysis', active: false },
    );
    await eventOn(dispatcher, districtStream, 'patient.need_changed', isNeed(false));

    // Each stream got them in the order they happened, with consecutive offsets.
    const onCompound = colleague.events.filter((e) => e.stream === compoundStream);
    expect(onCompound.map((e) => e.type)).toEqual([
      'patient.registered',
      'patient.updated',
      'patient.need_changed',
      'patient.need_changed',
    ]);
    const offsets = onCompound.map((e) => e.offset);
    expect(offsets).toEqual(offsets.map((_, i) => (offsets[0] ?? 0) + i));

    // Another compound's gatekeeper hears none of it.
    await settle();
    expect(otherCompound.events.filter((e) => e.payload.patientId === patientId)).toEqual([]);
  });

  it('publishes nothing for a refused correction', async () => {
    const created = await api<PatientView>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
      token: w.gatekeeperA.token,
      body: patientBody({ name: '钱六' }),
    });
    const patientId = created.body.id;
    const needId = created.body.needs[0]?.id;
    await eventOn(
      colleague,
      rooms.compound(w.compoundA.id),
      'patient.registered',
      (p) => p.patientId === patientId,
    );

    const outOfScope = await api(server, 'PATCH', `/api/v1/patients/${patientId}`, {
      token: w.gatekeeperB.token,
      body: { mobility: 'walk' },
    });
    expect(outOfScope.status).toBe(404);
    const badTime = await api(server, 'PATCH', `/api/v1/patients/${patientId}/needs/${needId}`, {
      token: w.gatekeeperA.token,
      body: { schedule: { weekdays: [1], startTime: '25:00' } },
    });
    expect(badTime.status).toBe(400);
    const notAllowed = await api(server, 'POST', `/api/v1/patients/${patientId}/needs/${needId}/deactivate`, {
      token: w.dispatcher.token,
    });
    expect(notAllowed.status).toBe(403);

    await settle();
    expect(colleague.events.filter((e) => e.payload.patientId === patientId).map((e) => e.type)).toEqual([
      'patient.registered',
    ]);
  });
});
