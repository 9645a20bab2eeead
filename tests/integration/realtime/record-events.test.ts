import { queryRows } from '@lastmeter/db';
import { recordEvents } from '@lastmeter/server/domain/events/record-event.ts';
import { syntheticEvent } from '@lastmeter/server/domain/events/synthetic-event.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('recordEvents', () => {
  it('many transactions, each recording several events in opposite room orders, never deadlock and leave gapless offsets', async () => {
    const db = server.app.db;
    const rooms = ['district:a', 'compound:b', 'vehicle:c', 'hospital:d'];
    const work = Array.from({ length: 30 }, (_, i) =>
      db.transaction(async (tx) => {
        const order = i % 2 === 0 ? rooms : [...rooms].reverse();
        return recordEvents(
          tx,
          order.map((room, k) => syntheticEvent([room, order[(k + 1) % 4]!], { i, k })),
        );
      }),
    );
    const results = await Promise.all(work);
    expect(results.flat()).toHaveLength(120);
    for (const room of rooms) {
      const offsets = (
        await queryRows<{ offset: number }>(
          db,
          sql`select "offset"::int as "offset" from stream_events where recipient = ${room} order by "offset"`,
        )
      ).map((r) => r.offset);
      expect(offsets).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    }
    // Within one transaction, a recipient's offsets follow the order the events were recorded in.
    for (const recorded of results) {
      const seen = new Map<string, number>();
      for (const event of recorded) {
        for (const d of event.deliveries) {
          expect(d.offset).toBeGreaterThan(seen.get(d.recipient) ?? 0);
          seen.set(d.recipient, d.offset);
        }
      }
    }
  });
});
