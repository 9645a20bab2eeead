import { z } from 'zod';
import { CROWDING_LEVELS, HOSPITAL_STATUSES } from '../domain.ts';
import { CROWDING_COLOR_NAMES } from '../public.ts';

export const CrowdingBoardEntry = z
  .object({
    hospitalId: z.uuid(),
    name: z.string(),
    address: z.string(),
    phone: z.string().meta({ description: "The hospital's public switchboard" }),
    lng: z.number(),
    lat: z.number(),
    crowding: z
      .enum(CROWDING_LEVELS)
      .meta({ description: 'Emergency-department crowding, as the hospital set it' }),
    color: z
      .enum(CROWDING_COLOR_NAMES)
      .meta({ description: 'The published colour level: 绿 green, 黄 yellow, 橙 orange, 红 red' }),
    status: z.enum(HOSPITAL_STATUSES).meta({ description: '`diverting`: ambulances are sent elsewhere' }),
    acceptsPositive: z
      .boolean()
      .meta({ description: 'Designated hospital: receives COVID-positive patients' }),
    emergency: z.boolean().meta({ description: 'Has an emergency service with capacity' }),
    updatedAt: z
      .string()
      .nullable()
      .meta({ description: 'When the hospital last published its level (ISO 8601)' }),
  })
  .meta({ id: 'CrowdingBoardEntry' });
export type CrowdingBoardEntry = z.infer<typeof CrowdingBoardEntry>;

export const CrowdingBoard = z
  .object({
    updatedAt: z.string().nullable().meta({ description: 'The latest change of any hospital on the board' }),
    hotline: z.string().meta({ description: 'Where to complain when treatment is refused (12320)' }),
    hospitals: z.array(CrowdingBoardEntry),
  })
  .meta({ id: 'CrowdingBoard' });
export type CrowdingBoard = z.infer<typeof CrowdingBoard>;

export const CrowdingGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.uuid(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: CrowdingBoardEntry.omit({ lng: true, lat: true }),
      }),
    ),
  })
  .meta({ id: 'CrowdingGeoJson', description: 'RFC 7946 FeatureCollection of hospital points' });
