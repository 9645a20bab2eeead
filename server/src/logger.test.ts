import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT } from './logger.ts';

describe('logger', () => {
  it('never writes secrets or personal data', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACT, censor: '[redacted]' } }, sink);
    logger.info(
      {
        password: 'hunter2',
        body: { nationalId: '310104196001011234', phone: '13800001234', password: 'x' },
        req: { headers: { cookie: 'lm_session=abc', authorization: 'Bearer abc' } },
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of ['hunter2', '310104196001011234', '13800001234', 'lm_session=abc', 'Bearer abc']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
