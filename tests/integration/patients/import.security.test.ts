import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, upload, type World } from './world.ts';

let server: TestServer;
let w: World;
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(() => server.stop());

/** Over the 5 MB limit: whoever is refused with 403/404 here was refused before the upload was read. */
const oversize = { name: '名单.csv', content: Buffer.alloc(6 * 1024 * 1024, 'a'), type: 'text/csv' };
const path = () => `/api/v1/compounds/${w.compoundA.id}/patients/import`;

describe('spreadsheet import: access before the upload', () => {
  it('a gatekeeper of another compound, a driver and a far dispatcher are refused without the server reading the file', async () => {
    // The compound is outside what they may read: it does not exist for them (404, as an unknown id).
    for (const who of [w.gatekeeperB, w.driver, w.farDispatcher]) {
      const res = await upload(server, path(), who.token, oversize);
      expect(res.status, who.username).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it('the compound’s own gatekeeper is let through to the upload, whose size limit still holds (413)', async () => {
    const res = await upload(server, path(), w.gatekeeperA.token, oversize);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });
});
