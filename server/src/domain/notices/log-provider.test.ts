import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LogNoticeProvider } from './log-provider.ts';

describe('log notice provider', () => {
  it('writes the notice with the number masked, never the number itself', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    const provider = new LogNoticeProvider(pino({ level: 'info' }, sink));
    const result = await provider.send({
      reference: 'n1',
      to: '13812345678',
      kind: 'vehicle_departed',
      body: '接您的车辆 沪A·D1234 已出发',
      params: {},
    });
    expect(result).toEqual({ outcome: 'sent', providerMessageId: null });
    expect(written).toContain('138****5678');
    expect(written).toContain('沪A·D1234');
    expect(written).not.toContain('13812345678');
  });
});
