import { z } from 'zod';
import { fieldCheck } from '../field-messages.ts';
import { type PolygonProblemCode, validatePolygonal } from '../geo/zone-level.ts';
import { line } from './text.ts';

/** Building blocks the area schemas share: a point and a polygon on the map, a name, a wall-clock time, a date, a record id. */
export const lng = z.number().min(-180).max(180).meta({ description: 'Longitude (WGS84), −180…180' });
export const lat = z.number().min(-90).max(90).meta({ description: 'Latitude (WGS84), −90…90' });
/** A point on the map. */
export const LngLat = z.object({ lng, lat }).meta({ id: 'LngLat' });
export type LngLat = z.infer<typeof LngLat>;

export const name = (what: string) => line().min(1).max(120).meta({ description: what });
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const clock = z
  .string()
  .refine((v) => HHMM.test(v), fieldCheck('time_hhmm'))
  .meta({ description: 'Local wall-clock time, 24-hour `HH:MM`', pattern: HHMM.source });
export const isoDate = z.iso.date().meta({ description: 'Calendar date `YYYY-MM-DD` (local to the city)' });

const REASON_TEXT: Record<PolygonProblemCode, string> = {
  not_polygonal: 'not a polygon',
  empty: 'empty geometry',
  bad_position: 'bad position',
  out_of_range: 'coordinates out of range',
  too_few_positions: 'too few positions',
  unclosed_ring: 'unclosed ring',
  self_intersection: 'self-intersection',
};

export const position = z.array(z.number()).meta({ description: 'A position `[lng, lat]` (RFC 7946 order)' });
const ring = z
  .array(position)
  .meta({ description: 'A closed linear ring: at least 4 positions, the last repeating the first' });

/**
 * A GeoJSON Polygon or MultiPolygon. Structure is checked by zod (naming the exact position); then
 * `validatePolygonal` reports what a map tool gets wrong — unclosed rings, swapped or out-of-range
 * coordinates, empty geometry, self-intersection — as one issue on the geometry, reason first.
 */
export const PolygonalGeometry = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('Polygon'),
      coordinates: z.array(ring).meta({ description: 'Outer ring first, then holes' }),
    }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z
        .array(z.array(ring))
        .meta({ description: 'Polygons, each outer ring first, then holes' }),
    }),
  ])
  .superRefine((geometry, ctx) => {
    for (const problem of validatePolygonal(geometry)) {
      ctx.addIssue({
        code: 'custom',
        message: `${REASON_TEXT[problem.code]} at ${problem.path}: ${problem.message}`,
        // `reason` and `at` let a client say it in its own language (the web does).
        params: { reason: problem.code, at: problem.path },
      });
    }
  })
  .meta({ id: 'PolygonalGeometry', description: 'GeoJSON Polygon or MultiPolygon, positions `[lng, lat]`' });

export const recordId = (what: string) => z.uuid().meta({ description: `The ${what}'s id` });
