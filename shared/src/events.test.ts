import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EVENT_CONTRACT, EVENT_TYPES, eventPayloadIssues, isEventType, payloadOf } from './events.ts';

const doc = readFileSync(new URL('../../docs/realtime.md', import.meta.url), 'utf8');

/** The text of the `### \`type\`` section, up to the next heading. */
function sectionOf(type: string): string | null {
  const start = doc.indexOf(`\n### \`${type}\`\n`);
  if (start < 0) return null;
  const rest = doc.slice(start + 1);
  const next = rest.slice(1).search(/\n#{1,3} /);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

/** Dotted names in backticks that are not durable event types, and what they are. */
const NOT_EVENTS = new Set([
  'vehicle.position', // the ephemeral socket event (shared/src/realtime.ts)
  'data.code', // a field of connect_error
  'legs.eta_at', // columns
  'vehicles.stale_since',
]);

describe('docs/realtime.md against the event contract', () => {
  it.each(EVENT_TYPES)('%s has a section listing its payload fields, recipients and when', (type) => {
    const section = sectionOf(type);
    expect(section, `docs/realtime.md has no "### \`${type}\`" section`).not.toBeNull();
    const fields = Object.keys((EVENT_CONTRACT[type].schema as unknown as z.ZodObject).shape);
    expect(fields.length).toBeGreaterThan(0);
    const payloadLine = section!.split('\n').find((line) => line.startsWith('- payload:')) ?? '';
    const listed = [...payloadLine.matchAll(/`([A-Za-z]+)\??`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...fields].sort());
    expect(section).toMatch(/\n- recipients: \S/);
    expect(section).toMatch(/\n- when: \S/);
  });

  it('names no event type the contract lacks', () => {
    const headings = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]!);
    expect(headings.filter((t) => !isEventType(t))).toEqual([]);
    const dotted = [...doc.matchAll(/`([a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*)`/g)].map((m) => m[1]!);
    const unknown = dotted.filter((name) => !isEventType(name) && !NOT_EVENTS.has(name));
    expect([...new Set(unknown)]).toEqual([]);
  });
});

describe('eventPayloadIssues', () => {
  it('accepts a fitting payload, with extra fields', () => {
    expect(eventPayloadIssues('account.scope_changed', { accountId: 'a', heads: {}, extra: 1 })).toBeNull();
  });

  it('names what is wrong: a missing date, an unknown type', () => {
    const payload = { requestId: 'r', tripId: 't', status: 'open', previous: 'open' };
    expect(eventPayloadIssues('request.status_changed', payload)).toContain('date');
    expect(eventPayloadIssues('request.status_changed', { ...payload, date: '2026-13' })).toContain('date');
    expect(eventPayloadIssues('leg.step', {})).toBe('unknown event type leg.step');
  });
});

describe('payloadOf', () => {
  const stale = { vehicleId: 'v', districtId: 'd', stale: true, lastSeenAt: null };

  it('gives the payload of its type, checked', () => {
    expect(payloadOf({ type: 'vehicle.stale', payload: stale }, 'vehicle.stale')).toEqual(stale);
  });

  it('gives null for another type or a payload that does not fit', () => {
    expect(payloadOf({ type: 'vehicle.stale', payload: stale }, 'leg.eta_updated')).toBeNull();
    expect(
      payloadOf({ type: 'vehicle.stale', payload: { ...stale, stale: 'yes' } }, 'vehicle.stale'),
    ).toBeNull();
  });
});
