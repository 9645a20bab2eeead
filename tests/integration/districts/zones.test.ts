import { compounds, domainEvents, streamEvents, zones } from '@lastmeter/db';
import { rooms } from '@lastmeter/shared';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCompound, createDistrict, square } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let token: string;
let districtId: string;
beforeAll(async () => {
  server = await startTestServer();
  const district = await createDistrict(server.app.db);
  districtId = district.id;
  const dispatcher = await createAccount(server.app.db, 'dispatcher', { districtIds: [districtId] });
  token = await loginAs(server, dispatcher.username, dispatcher.password);
});
afterAll(() => server.stop());

interface Issue {
  path: string;
  message: string;
}
interface ZoneChange {
  zones: Array<{ id: string; level: string; endedAt: string | null }>;
  compoundLevelChanges: Array<{ compoundId: string; from: string; to: string; zoneId: string | null }>;
}

const feature = (geometry: unknown, name = 'zone') => ({
  type: 'Feature',
  properties: { name, level: 'controlled' },
  geometry,
});
const good = square(121.5, 31.2, 0.01);

describe('bulk zone import', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    [
      'unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [121.5, 31.2],
            [121.51, 31.2],
            [121.51, 31.21],
            [121.5, 31.21],
          ],
        ],
      },
      /unclosed ring/,
    ],
    [
      'coordinates out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [31.2, 121.5],
            [31.21, 121.5],
            [31.21, 121.51],
            [31.2, 121.5],
          ],
        ],
      },
      /out of range.*swapped/,
    ],
    [
      'self-intersection',
      {
        type: 'Polygon',
        coordinates: [
          [
            [121.5, 31.2],
            [121.51, 31.21],
            [121.51, 31.2],
            [121.5, 31.21],
            [121.5, 31.2],
          ],
        ],
      },
      /self-intersection/,
    ],
    ['empty', { type: 'Polygon', coordinates: [] }, /empty/],
    ['empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, /empty/],
  ];

  it.each(bad)(
    '%s → 400 naming the feature and the reason, nothing written',
    async (_reason, geometry, message) => {
      const res = await api<{ code: string; issues: Issue[] }>(
        server,
        'POST',
        `/api/v1/districts/${districtId}/zones/import`,
        {
          token,
          body: {
            type: 'FeatureCollection',
            features: [feature(good, 'a'), feature(good, 'b'), feature(geometry, 'c')],
          },
        },
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.issues).toContainEqual({
        path: 'body.features.2.geometry',
        message: expect.stringMatching(message),
        code: 'custom',
      });
      expect(await server.app.db.select().from(zones).where(eq(zones.districtId, districtId))).toEqual([]);
    },
  );

  it('a wrong geometry type → 400 at the feature type, nothing written', async () => {
    const res = await api<{ issues: Issue[] }>(
      server,
      'POST',
      `/api/v1/districts/${districtId}/zones/import`,
      {
        token,
        body: {
          type: 'FeatureCollection',
          features: [feature(good), feature({ type: 'Point', coordinates: [121.5, 31.2] })],
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i) => i.path)).toEqual(['body.features.1.geometry.type']);
    expect(await server.app.db.select().from(zones).where(eq(zones.districtId, districtId))).toEqual([]);
  });

  it('a position that is not numbers → 400 naming that position', async () => {
    const res = await api<{ issues: Issue[] }>(
      server,
      'POST',
      `/api/v1/districts/${districtId}/zones/import`,
      {
        token,
        body: {
          type: 'FeatureCollection',
          features: [feature({ type: 'Polygon', coordinates: [[[121.5, '31.2']]] })],
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i) => i.path)).toEqual(['body.features.0.geometry.coordinates.0.0.1']);
  });

  it('a valid collection imports every feature and levels the compounds it covers', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
    const t = await loginAs(server, dispatcher.username, dispatcher.password);
    const inside = await createCompound(db, district.id, { boundary: square(121.5, 31.2, 0.001) });
    const outside = await createCompound(db, district.id, { boundary: square(121.6, 31.3, 0.001) });
    const res = await api<ZoneChange>(server, 'POST', `/api/v1/districts/${district.id}/zones/import`, {
      token: t,
      body: {
        type: 'FeatureCollection',
        name: 'exported by a map tool',
        features: [
          { ...feature(good, 'wide'), properties: { name: 'wide', level: 'precaution' } },
          { ...feature(square(121.5, 31.2, 0.002), 'tight'), properties: { name: 'tight', level: 'sealed' } },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.zones).toHaveLength(2);
    expect(res.body.compoundLevelChanges).toEqual([
      { compoundId: inside.id, from: 'none', to: 'sealed', zoneId: res.body.zones[1]!.id },
    ]);
    const [row] = await db.select().from(compounds).where(eq(compounds.id, outside.id));
    expect(row!.level).toBe('none');
  });
});

describe('zone changes recompute compound levels', () => {
  it('sealed over a compound → sealed; ending it falls back to the next strictest, then none', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
    const t = await loginAs(server, dispatcher.username, dispatcher.password);
    const compound = await createCompound(db, district.id, { boundary: square(121.43, 31.17, 0.001) });
    const path = `/api/v1/districts/${district.id}/zones`;

    const controlled = await api<ZoneChange>(server, 'POST', path, {
      token: t,
      body: { name: '管控区', level: 'controlled', geometry: square(121.43, 31.17, 0.01) },
    });
    expect(controlled.status).toBe(201);
    const controlledId = controlled.body.zones[0]!.id;
    expect(controlled.body.compoundLevelChanges).toEqual([
      { compoundId: compound.id, from: 'none', to: 'controlled', zoneId: controlledId },
    ]);

    const sealed = await api<ZoneChange>(server, 'POST', path, {
      token: t,
      body: { name: '封控区', level: 'sealed', geometry: square(121.4305, 31.1705, 0.001) },
    });
    const sealedId = sealed.body.zones[0]!.id;
    expect(sealed.body.compoundLevelChanges).toEqual([
      { compoundId: compound.id, from: 'controlled', to: 'sealed', zoneId: sealedId },
    ]);
    const got = await api<{ level: string; levelZoneId: string }>(
      server,
      'GET',
      `/api/v1/compounds/${compound.id}`,
      { token: t },
    );
    expect(got.body).toMatchObject({ level: 'sealed', levelZoneId: sealedId });

    const listed = await api<Array<{ id: string }>>(server, 'GET', path, { token: t });
    expect(listed.body.map((z) => z.id)).toEqual([sealedId, controlledId]);

    const ended = await api<ZoneChange>(server, 'POST', `/api/v1/zones/${sealedId}/end`, { token: t });
    expect(ended.status).toBe(200);
    expect(ended.body.zones[0]!.endedAt).not.toBeNull();
    expect(ended.body.compoundLevelChanges).toEqual([
      { compoundId: compound.id, from: 'sealed', to: 'controlled', zoneId: controlledId },
    ]);
    expect((await api(server, 'POST', `/api/v1/zones/${sealedId}/end`, { token: t })).status).toBe(409);

    // Moving the controlled zone away frees the compound.
    const moved = await api<ZoneChange>(server, 'PATCH', `/api/v1/zones/${controlledId}`, {
      token: t,
      body: { geometry: square(121.6, 31.3, 0.01) },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.compoundLevelChanges).toEqual([
      { compoundId: compound.id, from: 'controlled', to: 'none', zoneId: null },
    ]);

    const now = await api<Array<{ id: string }>>(server, 'GET', path, { token: t });
    expect(now.body.map((z) => z.id)).toEqual([controlledId]);
    const history = await api<Array<{ id: string }>>(server, 'GET', `${path}?all=true`, { token: t });
    expect(history.body).toHaveLength(2);

    // Each change told the district's dispatch and the compound that moved.
    const events = await db.select().from(domainEvents);
    const types = events.filter((e) => e.payload.districtId === district.id).map((e) => e.type);
    expect(types.filter((t) => t === 'zone.changed')).toHaveLength(4);
    expect(types.filter((t) => t === 'compound.level_changed')).toHaveLength(4);
    const compoundStream = await db
      .select()
      .from(streamEvents)
      .where(eq(streamEvents.recipient, rooms.compound(compound.id)));
    expect(compoundStream).toHaveLength(8);
    const districtStream = await db
      .select()
      .from(streamEvents)
      .where(inArray(streamEvents.recipient, [rooms.district(district.id)]));
    expect(districtStream).toHaveLength(8);
  });

  it('a new compound takes its level from the zones already in force; a future zone does not count yet', async () => {
    const db = server.app.db;
    const district = await createDistrict(db);
    const dispatcher = await createAccount(db, 'dispatcher', { districtIds: [district.id] });
    const t = await loginAs(server, dispatcher.username, dispatcher.password);
    await api(server, 'POST', `/api/v1/districts/${district.id}/zones`, {
      token: t,
      body: {
        name: 'later',
        level: 'sealed',
        geometry: square(121.43, 31.17, 0.01),
        validFrom: '2099-01-01T00:00:00Z',
      },
    });
    await api(server, 'POST', `/api/v1/districts/${district.id}/zones`, {
      token: t,
      body: { name: 'now', level: 'precaution', geometry: square(121.43, 31.17, 0.01) },
    });
    const res = await api<{ level: string; gates: unknown[] }>(
      server,
      'POST',
      `/api/v1/districts/${district.id}/compounds`,
      {
        token: t,
        body: {
          name: '田林十二村',
          boundary: square(121.43, 31.17, 0.001),
          gates: [{ name: '东门', lng: 121.431, lat: 31.17 }],
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.level).toBe('precaution');
    expect(res.body.gates).toHaveLength(1);
  });

  it('refuses a gate far from the boundary and a zone whose validity ends before it starts', async () => {
    const res = await api<{ issues: Issue[] }>(server, 'POST', `/api/v1/districts/${districtId}/compounds`, {
      token,
      body: {
        name: 'x',
        boundary: square(121.43, 31.17, 0.001),
        gates: [{ name: '东门', lng: 121.5, lat: 31.17 }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({
      path: 'body.gates.0',
      message: expect.stringContaining('from the compound boundary'),
    });
    const zone = await api<{ issues: Issue[] }>(server, 'POST', `/api/v1/districts/${districtId}/zones`, {
      token,
      body: {
        name: 'z',
        level: 'sealed',
        geometry: good,
        validFrom: '2026-01-02T00:00:00Z',
        validTo: '2026-01-01T00:00:00Z',
      },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.issues.map((i) => i.path)).toEqual(['body.validTo']);
  });
});
