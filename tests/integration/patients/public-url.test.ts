import { renderSelfRegistrationQr } from '@lastmeter/server/domain/self-registration/render-self-registration-qr.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld } from './world.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function linkAndQr(overrides: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(overrides);
  servers.push(server);
  const w = await createWorld(server);
  const link = await api<{ path: string; url: string }>(
    server,
    'GET',
    `/api/v1/compounds/${w.compoundA.id}/self-registration`,
    { token: w.gatekeeperA.token },
  );
  const qr = await fetch(`${server.url}/api/v1/compounds/${w.compoundA.id}/self-registration/qr.png`, {
    headers: { authorization: `Bearer ${w.gatekeeperA.token}` },
  });
  return { server, link: link.body, png: Buffer.from(await qr.arrayBuffer()) };
}

describe('the self-registration link printed at the gate', () => {
  it('is under PUBLIC_URL when set, not the host the request came to — the QR code encodes that link', async () => {
    const { link, png } = await linkAndQr({ publicUrl: 'https://lastmeter.example.cn/' });
    expect(link.url).toBe(`https://lastmeter.example.cn${link.path}`);
    expect(png).toEqual(await renderSelfRegistrationQr(link.url));
  });

  it('falls back to the request’s host when PUBLIC_URL is unset', async () => {
    const { server, link, png } = await linkAndQr({});
    expect(link.url).toBe(`${server.url}${link.path}`);
    expect(png).toEqual(await renderSelfRegistrationQr(link.url));
  });
});
