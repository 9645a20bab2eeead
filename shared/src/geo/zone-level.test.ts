import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZONE_LEVELS } from '../domain.ts';
import { compoundLevel, type PolygonalGeometry, validatePolygonal, type ZoneForLevel } from './zone-level.ts';

/** An axis-aligned square ring around [lng, lat], `half` degrees from centre to side. */
function square(lng: number, lat: number, half: number): number[][] {
  return [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ];
}

const polygon = (lng: number, lat: number, half: number): PolygonalGeometry => ({
  type: 'Polygon',
  coordinates: [square(lng, lat, half)],
});

const NOW = new Date('2022-04-10T08:00:00Z');
const DAY = 86_400_000;

function zone(
  overrides: Partial<ZoneForLevel> & Pick<ZoneForLevel, 'id' | 'level' | 'geometry'>,
): ZoneForLevel {
  return { validFrom: new Date(NOW.getTime() - DAY), validTo: null, endedAt: null, ...overrides };
}

const compound = polygon(121.43, 31.17, 0.001);

describe('compoundLevel', () => {
  it('is none without zones', () => {
    expect(compoundLevel(compound, [], NOW)).toEqual({ level: 'none', zoneId: null });
  });

  it('takes the strictest zone that intersects the compound', () => {
    const zones = [
      zone({ id: 'a', level: 'precaution', geometry: polygon(121.43, 31.17, 0.05) }),
      zone({ id: 'b', level: 'sealed', geometry: polygon(121.431, 31.171, 0.0005) }),
      zone({ id: 'c', level: 'controlled', geometry: polygon(121.43, 31.17, 0.01) }),
    ];
    expect(compoundLevel(compound, zones, NOW)).toEqual({ level: 'sealed', zoneId: 'b' });
  });

  it('ignores zones that do not touch the compound', () => {
    const zones = [zone({ id: 'far', level: 'sealed', geometry: polygon(121.45, 31.17, 0.005) })];
    expect(compoundLevel(compound, zones, NOW)).toEqual({ level: 'none', zoneId: null });
  });

  it('counts a zone that only overlaps part of the compound', () => {
    const zones = [zone({ id: 'edge', level: 'controlled', geometry: polygon(121.4315, 31.17, 0.001) })];
    expect(compoundLevel(compound, zones, NOW).level).toBe('controlled');
  });

  it('understands MultiPolygon zones and compounds', () => {
    const multiZone: PolygonalGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(121.4, 31.1, 0.001)], [square(121.43, 31.17, 0.0002)]],
    };
    const multiCompound: PolygonalGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(121.5, 31.2, 0.001)], [square(121.4, 31.1, 0.0001)]],
    };
    const zones = [zone({ id: 'm', level: 'sealed', geometry: multiZone })];
    expect(compoundLevel(compound, zones, NOW).level).toBe('sealed');
    expect(compoundLevel(multiCompound, zones, NOW).level).toBe('sealed');
  });

  it('applies a zone over [validFrom, validTo) and not after it was ended', () => {
    const geometry = polygon(121.43, 31.17, 0.01);
    const from = new Date(NOW.getTime() - DAY);
    const to = new Date(NOW.getTime() + DAY);
    const zones = [zone({ id: 'z', level: 'sealed', geometry, validFrom: from, validTo: to })];
    expect(compoundLevel(compound, zones, from).level).toBe('sealed');
    expect(compoundLevel(compound, zones, new Date(from.getTime() - 1)).level).toBe('none');
    expect(compoundLevel(compound, zones, to).level).toBe('none');
    expect(compoundLevel(compound, zones, new Date(to.getTime() - 1)).level).toBe('sealed');

    const ended = [zone({ id: 'z', level: 'sealed', geometry, endedAt: NOW })];
    expect(compoundLevel(compound, ended, new Date(NOW.getTime() - 1)).level).toBe('sealed');
    expect(compoundLevel(compound, ended, NOW).level).toBe('none');
  });

  it('property: the level is the maximum over applicable intersecting zones and does not depend on order', () => {
    // Zones are squares on a small grid around the compound; some touch it, some do not, some have expired.
    const zoneArb = fc.record({
      level: fc.constantFrom(...ZONE_LEVELS),
      dx: fc.integer({ min: -4, max: 4 }),
      dy: fc.integer({ min: -4, max: 4 }),
      expired: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(zoneArb, { maxLength: 8 }), fc.infiniteStream(fc.nat()), (specs, seeds) => {
        const zones = specs.map((s, i) =>
          zone({
            id: `z${i}`,
            level: s.level,
            geometry: polygon(121.43 + s.dx * 0.001, 31.17 + s.dy * 0.001, 0.0006),
            validTo: s.expired ? NOW : null,
          }),
        );
        // Squares of half 0.0006 around a compound of half 0.001 meet exactly when |dx|,|dy| <= 1.
        const expected = specs.reduce(
          (best, s) =>
            !s.expired && Math.abs(s.dx) <= 1 && Math.abs(s.dy) <= 1
              ? Math.max(best, ZONE_LEVELS.indexOf(s.level) + 1)
              : best,
          0,
        );
        const result = compoundLevel(compound, zones, NOW);
        expect(['none', ...ZONE_LEVELS][expected]).toBe(result.level);
        expect(result.zoneId === null).toBe(result.level === 'none');

        const shuffled = [...zones]
          .map((z) => ({ z, key: seeds.next().value }))
          .sort((a, b) => a.key - b.key)
          .map(({ z }) => z);
        expect(compoundLevel(compound, shuffled, NOW)).toEqual(result);
      }),
    );
  });
});

describe('validatePolygonal', () => {
  it('accepts a closed simple polygon and a MultiPolygon of them', () => {
    expect(validatePolygonal(compound)).toEqual([]);
    expect(
      validatePolygonal({
        type: 'MultiPolygon',
        coordinates: [[square(121.4, 31.1, 0.001)], [square(121.5, 31.1, 0.001)]],
      }),
    ).toEqual([]);
  });

  it('reports a ring that is not closed', () => {
    const ring = square(121.43, 31.17, 0.001).slice(0, 4);
    expect(validatePolygonal({ type: 'Polygon', coordinates: [ring] }).map((p) => p.code)).toEqual([
      'unclosed_ring',
    ]);
  });

  it('reports a ring with fewer than 4 positions', () => {
    const ring = [
      [121.43, 31.17],
      [121.44, 31.17],
      [121.43, 31.17],
    ];
    const problems = validatePolygonal({ type: 'Polygon', coordinates: [ring] });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'too_few_positions', path: 'coordinates[0]' }),
    ]);
  });

  it('reports coordinates out of range, hinting at swapped axes', () => {
    const ring = square(31.17, 121.43, 0.001);
    const problems = validatePolygonal({ type: 'Polygon', coordinates: [ring] });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'out_of_range')).toBe(true);
    expect(problems[0]?.message).toContain('swapped');
  });

  it('reports a self-intersecting (bow-tie) ring', () => {
    const bowTie = [
      [121.43, 31.17],
      [121.44, 31.18],
      [121.44, 31.17],
      [121.43, 31.18],
      [121.43, 31.17],
    ];
    const problems = validatePolygonal({ type: 'Polygon', coordinates: [bowTie] });
    expect(problems.map((p) => p.code)).toContain('self_intersection');
  });

  it('reports empty geometries and things that are not polygons', () => {
    expect(validatePolygonal({ type: 'Polygon', coordinates: [] })[0]?.code).toBe('empty');
    expect(validatePolygonal({ type: 'MultiPolygon', coordinates: [[]] })[0]?.code).toBe('empty');
    expect(validatePolygonal({ type: 'Polygon', coordinates: [[]] })[0]?.code).toBe('empty');
    expect(validatePolygonal({ type: 'Point', coordinates: [121.43, 31.17] })[0]?.code).toBe('not_polygonal');
    expect(validatePolygonal(null)[0]?.code).toBe('not_polygonal');
    expect(
      validatePolygonal({
        type: 'Polygon',
        coordinates: [
          [
            [121.43, 'x'],
            [1, 2],
            [3, 4],
            [121.43, 'x'],
          ],
        ],
      })[0]?.code,
    ).toBe('bad_position');
  });
});
