import { booleanIntersects, kinks } from '@turf/turf';
import { COMPOUND_LEVELS, type CompoundLevel, type ZoneLevel } from '../domain.ts';

/** GeoJSON Polygon or MultiPolygon, positions as [lng, lat] (RFC 7946). Same shape as the db's `GeoJsonPolygonal`. */
export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** The fields of a zone that decide whether, and how strictly, it locks a compound down. */
export interface ZoneForLevel {
  id: string;
  level: ZoneLevel;
  geometry: PolygonalGeometry;
  validFrom: Date;
  /** `null`: open-ended. */
  validTo: Date | null;
  /** When a dispatcher lifted the zone early; from then on it no longer applies. */
  endedAt: Date | null;
}

export interface CompoundLevelResult {
  level: CompoundLevel;
  /** The zone that decided the level; `null` when no zone applies. */
  zoneId: string | null;
}

const STRICTNESS: Record<CompoundLevel, number> = Object.fromEntries(
  COMPOUND_LEVELS.map((level, rank) => [level, rank]),
) as Record<CompoundLevel, number>;

/** Whether the zone is in force at `at`: validity is the half-open interval [validFrom, validTo). */
export function zoneApplies(
  zone: Pick<ZoneForLevel, 'validFrom' | 'validTo' | 'endedAt'>,
  at: Date,
): boolean {
  const t = at.getTime();
  if (zone.validFrom.getTime() > t) return false;
  if (zone.validTo !== null && zone.validTo.getTime() <= t) return false;
  return zone.endedAt === null || zone.endedAt.getTime() > t;
}

/**
 * A compound's level at `at`: the strictest applicable zone whose polygon intersects the boundary. A zone
 * that only grazes a compound still locks it down — on the ground a gate cannot be half sealed. Among
 * zones of equal level the smallest id wins, so the answer does not depend on the order zones are listed.
 */
export function compoundLevel(
  boundary: PolygonalGeometry,
  zones: readonly ZoneForLevel[],
  at: Date,
): CompoundLevelResult {
  let best: CompoundLevelResult = { level: 'none', zoneId: null };
  const boundaryBox = bbox(boundary);
  for (const zone of zones) {
    if (!zoneApplies(zone, at)) continue;
    const rank = STRICTNESS[zone.level];
    const bestRank = STRICTNESS[best.level];
    if (rank < bestRank) continue;
    if (rank === bestRank && best.zoneId !== null && zone.id >= best.zoneId) continue;
    // The bounding-box test is cheap and rules out most zones before the exact one runs.
    if (!boxesOverlap(boundaryBox, bbox(zone.geometry))) continue;
    if (!booleanIntersects(boundary, zone.geometry)) continue;
    best = { level: zone.level, zoneId: zone.id };
  }
  return best;
}

type Box = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

function bbox(geometry: PolygonalGeometry): Box {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lng = Number.NaN, lat = Number.NaN] of ring) {
        if (lng < minLng) minLng = lng;
        if (lng > maxLng) maxLng = lng;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

// ---------------------------------------------------------------- validation

export type PolygonProblemCode =
  | 'not_polygonal'
  | 'empty'
  | 'bad_position'
  | 'out_of_range'
  | 'too_few_positions'
  | 'unclosed_ring'
  | 'self_intersection';

export interface PolygonProblem {
  /** Stable code, translated by the web. */
  code: PolygonProblemCode;
  /** Where in the geometry, e.g. `coordinates[0][2]` (MultiPolygon: `coordinates[polygon][ring][position]`). */
  path: string;
  /** English explanation for logs and API clients. */
  message: string;
}

/**
 * Everything wrong with a would-be zone or compound boundary; an empty list means usable. Takes `unknown`
 * because it runs at the boundary, on whatever a client or an imported spreadsheet sent. The turf kinks
 * check only runs once the rings are structurally sound, since it cannot make sense of broken ones.
 */
export function validatePolygonal(geometry: unknown): PolygonProblem[] {
  if (!isRecord(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    return [
      { code: 'not_polygonal', path: 'type', message: 'Geometry must be a GeoJSON Polygon or MultiPolygon' },
    ];
  }
  const { coordinates } = geometry;
  if (!Array.isArray(coordinates)) {
    return [{ code: 'not_polygonal', path: 'coordinates', message: 'Coordinates must be an array' }];
  }
  if (coordinates.length === 0) {
    return [{ code: 'empty', path: 'coordinates', message: 'Geometry has no polygon' }];
  }
  const problems: PolygonProblem[] = [];
  const polygons: { path: string; rings: unknown }[] =
    geometry.type === 'Polygon'
      ? [{ path: 'coordinates', rings: coordinates }]
      : coordinates.map((rings, p) => ({ path: `coordinates[${p}]`, rings }));
  for (const { path, rings } of polygons) problems.push(...polygonProblems(path, rings));
  if (problems.length > 0) return problems;

  const sound = geometry as PolygonalGeometry;
  const crossings = kinks(sound).features;
  for (const crossing of crossings) {
    const [lng, lat] = crossing.geometry.coordinates;
    problems.push({
      code: 'self_intersection',
      path: 'coordinates',
      message: `Edges cross at [${lng}, ${lat}]`,
    });
  }
  return problems;
}

function polygonProblems(path: string, rings: unknown): PolygonProblem[] {
  if (!Array.isArray(rings))
    return [{ code: 'not_polygonal', path, message: 'A polygon must be an array of rings' }];
  if (rings.length === 0) return [{ code: 'empty', path, message: 'Polygon has no ring' }];
  const problems: PolygonProblem[] = [];
  rings.forEach((ring: unknown, r) => {
    const ringPath = `${path}[${r}]`;
    if (!Array.isArray(ring)) {
      problems.push({
        code: 'not_polygonal',
        path: ringPath,
        message: 'A ring must be an array of positions',
      });
      return;
    }
    if (ring.length === 0) {
      problems.push({ code: 'empty', path: ringPath, message: 'Ring has no position' });
      return;
    }
    let positionsOk = true;
    ring.forEach((position: unknown, i) => {
      const problem = positionProblem(`${ringPath}[${i}]`, position);
      if (problem) {
        problems.push(problem);
        positionsOk = false;
      }
    });
    if (ring.length < 4) {
      problems.push({
        code: 'too_few_positions',
        path: ringPath,
        message: `A ring needs at least 4 positions (first repeated last), got ${ring.length}`,
      });
    }
    if (positionsOk && !samePosition(ring[0] as number[], ring[ring.length - 1] as number[])) {
      problems.push({
        code: 'unclosed_ring',
        path: ringPath,
        message: 'The last position must repeat the first',
      });
    }
  });
  return problems;
}

function positionProblem(path: string, position: unknown): PolygonProblem | null {
  if (
    !Array.isArray(position) ||
    position.length < 2 ||
    !position.every((n: unknown) => typeof n === 'number' && Number.isFinite(n))
  ) {
    return { code: 'bad_position', path, message: 'A position must be [lng, lat] with finite numbers' };
  }
  const [lng, lat] = position as [number, number];
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    // Swapped axes are the usual cause: the GeoJSON order is [lng, lat], many map tools show lat first.
    const swapped = Math.abs(lat) <= 180 && Math.abs(lng) <= 90;
    return {
      code: 'out_of_range',
      path,
      message: `[${lng}, ${lat}] is outside lng -180…180 / lat -90…90${swapped ? ' (lat and lng swapped?)' : ''}`,
    };
  }
  return null;
}

function samePosition(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
