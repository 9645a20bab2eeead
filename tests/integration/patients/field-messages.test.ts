import { FIELD_MESSAGES } from '@lastmeter/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validNationalId } from '../../support/factories.ts';
import { api } from '../../support/http.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createWorld, patientBody, type World } from './world.ts';

let server: TestServer;
let w: World;
beforeAll(async () => {
  server = await startTestServer();
  w = await createWorld(server);
});
afterAll(() => server.stop());

interface Problem {
  code: string;
  issues?: Array<{ path: string; message: string; code?: string }>;
}

const register = (body: Record<string, unknown>, language?: string) =>
  api<Problem>(server, 'POST', `/api/v1/compounds/${w.compoundA.id}/patients`, {
    token: w.gatekeeperA.token,
    body,
    ...(language ? { headers: { 'accept-language': language } } : {}),
  });

describe('our own field messages follow the request language', () => {
  it('an ID number failing its check character: Chinese by default, English when asked, one stable code', async () => {
    const good = validNationalId();
    const badId = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;

    for (const [language, locale] of [
      [undefined, 'zh-CN'],
      ['zh-CN,zh;q=0.9', 'zh-CN'],
      ['en-US,en;q=0.9', 'en'],
    ] as const) {
      const res = await register(patientBody({ nationalId: badId }), language);
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        {
          path: 'body.nationalId',
          code: 'national_id_invalid',
          message: FIELD_MESSAGES.national_id_invalid[locale],
        },
      ]);
    }
    expect(FIELD_MESSAGES.national_id_invalid['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the mobile format and the server’s own "already registered" are translated the same way', async () => {
    const zh = await register(patientBody({ phone: '12812341234' }));
    expect(zh.body.issues).toEqual([
      { path: 'body.phone', code: 'mobile_invalid', message: FIELD_MESSAGES.mobile_invalid['zh-CN'] },
    ]);

    const body = patientBody();
    expect((await register(body)).status).toBe(201);
    for (const [language, locale] of [
      [undefined, 'zh-CN'],
      ['en', 'en'],
    ] as const) {
      const again = await register(body, language);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('duplicate_patient');
      expect(again.body.issues).toEqual([
        {
          path: 'body.nationalId',
          code: 'already_registered',
          message: FIELD_MESSAGES.already_registered[locale],
        },
      ]);
    }
  });
});
