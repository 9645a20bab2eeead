import { compounds, zones } from '@lastmeter/db';
import { compoundLevel } from '@lastmeter/shared/geo/zone-level.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createCompound, createDistrict, square } from '../../support/factories.ts';
import { api, loginAs } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * Dispatchers draw and import zones at the same time in one district (several desks, one lockdown).
 * Every zone write re-derives the district's compound levels; the writes are serialised per district,
 * so parallel draws all land — never a deadlock's 500. Run on PostgreSQL to see real parallelism.
 */
let server: TestServer;
let token: string;
let districtId: string;
beforeAll(async () => {
  server = await startTestServer();
  const district = await createDistrict(server.app.db);
  districtId = district.id;
  for (let i = 0; i < 6; i += 1) {
    await createCompound(server.app.db, districtId, { boundary: square(121.43 + i * 0.003, 31.17, 0.001) });
  }
  const dispatcher = await createAccount(server.app.db, 'dispatcher', { districtIds: [districtId] });
  token = await loginAs(server, dispatcher.username, dispatcher.password);
});
afterAll(() => server.stop());

const LEVELS = ['sealed', 'controlled', 'precaution'] as const;

describe('parallel zone writes in one district', () => {
  it('8 draws and 4 imports at once all succeed, and the compound levels reflect every zone', async () => {
    const draws = Array.from({ length: 8 }, (_, i) =>
      api(server, 'POST', `/api/v1/districts/${districtId}/zones`, {
        token,
        body: {
          name: `区域${i}`,
          level: LEVELS[i % 3],
          geometry: square(121.43 + (i % 6) * 0.003, 31.17, 0.002),
        },
      }),
    );
    const imports = Array.from({ length: 4 }, (_, i) =>
      api(server, 'POST', `/api/v1/districts/${districtId}/zones/import`, {
        token,
        body: {
          type: 'FeatureCollection',
          features: [0, 1].map((j) => ({
            type: 'Feature',
            geometry: square(121.43 + ((i + j) % 6) * 0.003, 31.17, 0.0015),
            properties: { name: `导入${i}-${j}`, level: LEVELS[(i + j) % 3] },
          })),
        },
      }),
    );
    const results = await Promise.all([...draws, ...imports]);
    expect(results.map((r) => r.status)).toEqual([...Array(8).fill(201), ...Array(4).fill(201)]);

    const drawn = await server.app.db.select().from(zones).where(eq(zones.districtId, districtId));
    expect(drawn).toHaveLength(16);
    // Serialised recomputes leave no level computed from a stale view of the zones.
    const stored = await server.app.db.select().from(compounds).where(eq(compounds.districtId, districtId));
    const now = new Date();
    for (const compound of stored) {
      expect(compound.level).toBe(compoundLevel(compound.boundary, drawn, now).level);
    }
    expect(stored.some((c) => c.level === 'sealed')).toBe(true);
  });

  it('parallel edits and ends of the same zones never give a 5xx', async () => {
    const list = await api<Array<{ id: string }>>(server, 'GET', `/api/v1/districts/${districtId}/zones`, {
      token,
    });
    const ids = list.body.slice(0, 4).map((z) => z.id);
    const results = await Promise.all(
      ids.flatMap((id, i) => [
        api(server, 'PATCH', `/api/v1/zones/${id}`, { token, body: { name: `改${i}` } }),
        api(server, 'POST', `/api/v1/zones/${id}/end`, { token, body: {} }),
      ]),
    );
    for (const res of results) expect([200, 201, 409]).toContain(res.status);
  });
});
