import type { Db } from '@lastmeter/db';
import type { SoakClient } from './clients.ts';
import type { Finding } from './invariants.ts';
import { readStreamEvents, readStreamHeads } from './snapshot.ts';

/**
 * How long the end of a run waits, at most, for the last expected offsets to arrive: generous, so a
 * machine busy with other test files never turns a late delivery into a lost one; a run that
 * delivers everything returns as soon as the last offset arrives.
 */
export const DELIVERY_DEADLINE_MS = 60_000;

/**
 * Every committed event is delivered once, in order, to every in-scope socket and to no other: what
 * each party's socket received over all its connections is compared with `stream_events` for the
 * streams of its scope, after waiting for each stream's last committed offset to arrive.
 * `headsAfterOp[i]` are the stream heads after operation i, to name the operation that committed
 * an event that never arrived.
 */
export async function checkDelivery(
  db: Db,
  clients: SoakClient[],
  headsAfterOp: Map<string, number>[],
  opLabel: (index: number) => string,
): Promise<{ findings: Finding[]; streamsChecked: number }> {
  const heads = await readStreamHeads(db);
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  await Promise.all(
    clients.map((c) =>
      c.waitForHeads(
        new Map([...c.scope].map(([s, spans]) => [s, spans.at(-1)?.end ?? heads.get(s) ?? 0])),
        deadline,
      ),
    ),
  );
  const allStreams = [...new Set(clients.flatMap((c) => [...c.scope.keys()]))];
  const committed = await readStreamEvents(db, allStreams);
  const findings: Finding[] = [];
  let streamsChecked = 0;
  const committedBy = (stream: string, offset: number) => {
    const index = headsAfterOp.findIndex((h) => (h.get(stream) ?? 0) >= offset);
    return index < 0 ? 'a background sweep' : opLabel(index);
  };

  for (const client of clients) {
    const { party } = client;
    const strangers = client.received.filter((r) => !client.scope.has(r.event.stream));
    for (const stream of new Set(strangers.map((r) => r.event.stream))) {
      const events = strangers.filter((r) => r.event.stream === stream).map((r) => r.event);
      findings.push({
        invariant: 'event_delivery',
        key: `delivery|${party.name}|${stream}|out_of_scope`,
        detail: `${party.name} received ${events.length} event(s) of ${stream}, never in its scope (${events
          .slice(0, 3)
          .map((e) => e.type)
          .join(', ')})`,
        legIds: [],
      });
    }
    for (const [stream, spans] of client.scope) {
      streamsChecked++;
      const expected = committed.get(stream) ?? [];
      const head = expected.at(-1)?.offset ?? 0;
      const got = client.received.filter((r) => r.event.stream === stream);
      const problems: string[] = [];
      const scopeProblems: string[] = [];
      const counts = new Map<number, number>();
      for (const r of got) counts.set(r.event.offset, (counts.get(r.event.offset) ?? 0) + 1);
      const dupes = [...counts].filter(([, n]) => n > 1).map(([o, n]) => `${o}×${n}`);
      if (dupes.length) problems.push(`duplicates at offsets ${dupes.join(', ')}`);
      let previous = 0;
      const disorder: string[] = [];
      for (const r of got) {
        if (r.event.offset <= previous && (counts.get(r.event.offset) ?? 0) === 1)
          disorder.push(`${r.event.offset} after ${previous}`);
        previous = Math.max(previous, r.event.offset);
      }
      if (disorder.length) problems.push(`out of order: ${disorder.slice(0, 5).join(', ')}`);
      const byOffset = new Map(expected.map((e) => [e.offset, e]));
      const wrong = got.filter((r) => byOffset.get(r.event.offset)?.eventId !== r.event.id);
      if (wrong.length)
        problems.push(
          `offsets not matching stream_events: ${wrong
            .slice(0, 5)
            .map((r) => `${r.event.offset} (event ${r.event.id})`)
            .join(', ')}`,
        );
      const required = expected.filter((e) =>
        spans.some((span) => e.offset > span.start && e.offset <= (span.end ?? head)),
      );
      // Offsets of a stream the party joined during the day (a scope change) are the scope's to deliver.
      const joinedLive = (offset: number) =>
        spans.some((span) => span.joinedAtOp >= 0 && offset > span.start && offset <= (span.end ?? head));
      const missing = required.filter((e) => !counts.has(e.offset) && !joinedLive(e.offset));
      const missingAfterJoin = required.filter((e) => !counts.has(e.offset) && joinedLive(e.offset));
      if (missingAfterJoin.length)
        scopeProblems.push(
          `never delivered after the stream joined the scope: ${missingAfterJoin
            .slice(0, 8)
            .map((e) => `${e.offset} ${e.type} (committed by ${committedBy(stream, e.offset)})`)
            .join('; ')}`,
        );
      if (missing.length)
        problems.push(
          `never delivered: ${missing
            .slice(0, 8)
            .map((e) => `${e.offset} ${e.type} (committed by ${committedBy(stream, e.offset)})`)
            .join('; ')}${missing.length > 8 ? ` … ${missing.length} in all` : ''}`,
        );
      // Received while the stream was out of scope (after the party left it, before it joined again).
      const leaked = got.filter((r) =>
        spans.some((span, i) => {
          if (span.leftAtOp === undefined || r.op <= span.leftAtOp) return false;
          const rejoined = spans[i + 1];
          if (rejoined && r.op >= rejoined.joinedAtOp) return false;
          return r.event.offset > (span.endAllowed ?? Infinity);
        }),
      );
      if (leaked.length)
        scopeProblems.push(
          `received after leaving the scope: ${leaked
            .slice(0, 5)
            .map(
              (r) =>
                `${r.event.offset} ${r.event.type} (during ${r.op < headsAfterOp.length ? opLabel(r.op) : 'the end of the run'})`,
            )
            .join(', ')}`,
        );
      const foreign = got.filter((r) => payloadNamesOther(stream, r.event.payload));
      if (foreign.length)
        problems.push(
          `payload about another ${stream.split(':')[0]}: ${foreign
            .slice(0, 3)
            .map((r) => `${r.event.offset} ${r.event.type}`)
            .join(', ')}`,
        );
      for (const [invariant, problem] of [
        ...problems.map((p) => ['event_delivery', p] as const),
        ...scopeProblems.map((p) => ['scope_following', p] as const),
      ]) {
        findings.push({
          invariant,
          key: `delivery|${party.name}|${stream}|${problem.split(':')[0]}`,
          detail: `${party.name}, ${stream} (head ${head}, ${client.connections} connection(s), ${spans.length} span(s) in scope): ${problem}`,
          legIds: [],
        });
      }
    }
  }
  return { findings, streamsChecked };
}

/** The stream's own entity, when the payload names one of its kind and it is another. */
function payloadNamesOther(stream: string, payload: Record<string, unknown>): boolean {
  const [kind, id] = stream.split(':') as [string, string];
  const nested = (key: string) => {
    const value = payload[key];
    return value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : undefined;
  };
  const named =
    kind === 'compound'
      ? payload.compoundId
      : kind === 'hospital'
        ? (payload.hospitalId ?? nested('hospital'))
        : kind === 'vehicle'
          ? (payload.vehicleId ?? nested('vehicle'))
          : kind === 'district'
            ? payload.districtId
            : undefined;
  return typeof named === 'string' && named !== id;
}
