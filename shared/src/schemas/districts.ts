import { z } from 'zod';
import { COMPOUND_LEVELS, ZONE_LEVELS } from '../domain.ts';
import { fieldCheck } from '../field-messages.ts';
import { LngLat, lat, lng, name, PolygonalGeometry, recordId } from './fields.ts';
import { instant, line } from './text.ts';

/** Districts, their compounds with gates and gatekeepers, and zones (docs/product.md). */
export const DistrictPathParams = z.strictObject({ districtId: recordId('district') });
export const CompoundPathParams = z.strictObject({ compoundId: recordId('compound') });
export const GatePathParams = z.strictObject({ compoundId: recordId('compound'), gateId: recordId('gate') });
export const ZonePathParams = z.strictObject({ zoneId: recordId('zone') });

// ---------------------------------------------------------------- districts

export const CreateDistrictBody = z
  .strictObject({
    code: line().min(1).max(32).meta({ description: 'Short unique code, e.g. `310104`' }),
    name: name('District name, e.g. 徐汇区'),
    city: name('City, e.g. 上海市'),
    center: LngLat.meta({ description: 'Where the map opens for this district' }),
  })
  .meta({ id: 'CreateDistrictBody' });
export type CreateDistrictBody = z.infer<typeof CreateDistrictBody>;

export const UpdateDistrictBody = z
  .strictObject({
    code: CreateDistrictBody.shape.code.optional(),
    name: CreateDistrictBody.shape.name.optional(),
    city: CreateDistrictBody.shape.city.optional(),
    center: LngLat.optional(),
  })
  .meta({ id: 'UpdateDistrictBody', description: 'Only the fields given change' });
export type UpdateDistrictBody = z.infer<typeof UpdateDistrictBody>;

export const District = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    city: z.string(),
    center: LngLat,
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof District>;

// ---------------------------------------------------------------- compounds and gates

export const GateInput = z
  .strictObject({
    name: name('Gate name as locals say it, e.g. 东门'),
    lng,
    lat,
  })
  .meta({ id: 'GateInput' });
export type GateInput = z.infer<typeof GateInput>;

export const UpdateGateBody = GateInput.partial().meta({ id: 'UpdateGateBody' });
export type UpdateGateBody = z.infer<typeof UpdateGateBody>;

export const Gate = z
  .object({ id: z.uuid(), name: z.string(), lng: z.number(), lat: z.number() })
  .meta({ id: 'Gate' });
export type Gate = z.infer<typeof Gate>;

export const CreateCompoundBody = z
  .strictObject({
    name: name('Compound (小区) name'),
    address: line().max(200).default('').meta({ description: 'Street address' }),
    boundary: PolygonalGeometry,
    gates: z
      .array(GateInput)
      .min(1)
      .max(20)
      .meta({ description: 'Where pickups happen — patients are collected at a gate, never at the door' }),
  })
  .meta({ id: 'CreateCompoundBody' });
export type CreateCompoundBody = z.infer<typeof CreateCompoundBody>;

export const UpdateCompoundBody = z
  .strictObject({
    name: name('Compound (小区) name').optional(),
    address: line().max(200).optional().meta({ description: 'Street address' }),
    boundary: PolygonalGeometry.optional(),
  })
  .meta({ id: 'UpdateCompoundBody' });
export type UpdateCompoundBody = z.infer<typeof UpdateCompoundBody>;

export const Compound = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    address: z.string(),
    boundary: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    level: z
      .enum(COMPOUND_LEVELS)
      .meta({ description: 'Strictest zone covering the compound now, or `none`' }),
    levelZoneId: z.uuid().nullable().meta({ description: 'The zone that decided `level`' }),
    gates: z.array(Gate),
  })
  .meta({ id: 'Compound' });
export type Compound = z.infer<typeof Compound>;

export const CompoundListQuery = z
  .strictObject({
    level: z.enum(COMPOUND_LEVELS).optional().meta({ description: 'Only compounds at this level' }),
  })
  .meta({ id: 'CompoundListQuery' });
export type CompoundListQuery = z.infer<typeof CompoundListQuery>;

export const SetGatekeepersBody = z
  .strictObject({
    accountIds: z
      .array(z.uuid())
      .max(50)
      .meta({ description: 'Gatekeeper accounts that keep this compound; replaces the current list' }),
  })
  .meta({ id: 'SetGatekeepersBody' });
export type SetGatekeepersBody = z.infer<typeof SetGatekeepersBody>;

export const Gatekeeper = z
  .object({ accountId: z.uuid(), username: z.string(), displayName: z.string() })
  .meta({ id: 'Gatekeeper' });
export type Gatekeeper = z.infer<typeof Gatekeeper>;

// ---------------------------------------------------------------- zones

const zoneFields = {
  name: name('Zone name, e.g. 田林十二村封控区'),
  level: z.enum(ZONE_LEVELS).meta({
    description:
      '`sealed` 封控 (no one leaves home), `controlled` 管控 (no one leaves the compound), `precaution` 防范',
  }),
  geometry: PolygonalGeometry,
  validFrom: instant().meta({ description: 'When the zone takes effect (ISO 8601)' }),
  validTo: instant()
    .nullable()
    .default(null)
    .meta({ description: 'When it lapses by itself (exclusive); `null`: until ended' }),
};

const validToAfterFrom = (v: { validFrom?: Date; validTo?: Date | null }, ctx: z.RefinementCtx) => {
  if (v.validFrom && v.validTo && v.validTo <= v.validFrom) {
    ctx.addIssue({
      code: 'custom',
      path: ['validTo'],
      ...fieldCheck('must_be_after', { other: 'validFrom' }),
    });
  }
};

export const CreateZoneBody = z
  .strictObject({
    ...zoneFields,
    validFrom: zoneFields.validFrom
      .optional()
      .meta({ description: 'When the zone takes effect; default now' }),
  })
  .superRefine(validToAfterFrom)
  .meta({ id: 'CreateZoneBody' });
export type CreateZoneBody = z.infer<typeof CreateZoneBody>;

export const UpdateZoneBody = z
  .strictObject({
    name: zoneFields.name.optional(),
    level: zoneFields.level.optional(),
    geometry: PolygonalGeometry.optional(),
    validFrom: zoneFields.validFrom.optional(),
    validTo: instant()
      .nullable()
      .optional()
      .meta({ description: 'When it lapses (exclusive); `null`: until ended' }),
  })
  .superRefine(validToAfterFrom)
  .meta({ id: 'UpdateZoneBody' });
export type UpdateZoneBody = z.infer<typeof UpdateZoneBody>;

/**
 * A FeatureCollection as map tools export it. GeoJSON allows foreign members (RFC 7946 §6.1), so
 * unknown keys are ignored here rather than refused; each feature's `properties` carry the zone fields.
 */
export const ImportZonesBody = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          geometry: PolygonalGeometry,
          properties: z
            .object({
              name: zoneFields.name,
              level: zoneFields.level,
              validFrom: zoneFields.validFrom.optional().meta({ description: 'Default: now' }),
              validTo: zoneFields.validTo,
            })
            .superRefine(validToAfterFrom),
        }),
      )
      .min(1)
      .max(500)
      .meta({ description: 'One zone per feature; the import is all-or-nothing' }),
  })
  .meta({ id: 'ImportZonesBody' });
export type ImportZonesBody = z.infer<typeof ImportZonesBody>;

export const ZoneListQuery = z
  .strictObject({
    at: instant().optional().meta({ description: 'Zones in force at this instant (default now)' }),
    all: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .meta({ description: '`true`: every zone ever drawn in the district, ended ones included' }),
  })
  .meta({ id: 'ZoneListQuery' });
export type ZoneListQuery = z.infer<typeof ZoneListQuery>;

export const Zone = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    level: z.enum(ZONE_LEVELS),
    geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable().meta({ description: 'When a dispatcher lifted it' }),
  })
  .meta({ id: 'Zone' });
export type Zone = z.infer<typeof Zone>;

export const CompoundLevelChange = z
  .object({
    compoundId: z.uuid(),
    from: z.enum(COMPOUND_LEVELS),
    to: z.enum(COMPOUND_LEVELS),
    zoneId: z.uuid().nullable(),
  })
  .meta({ id: 'CompoundLevelChange' });
export type CompoundLevelChange = z.infer<typeof CompoundLevelChange>;

export const ZoneChangeResult = z
  .object({
    zones: z.array(Zone),
    compoundLevelChanges: z
      .array(CompoundLevelChange)
      .meta({ description: 'Compounds whose level this change moved' }),
  })
  .meta({ id: 'ZoneChangeResult' });
export type ZoneChangeResult = z.infer<typeof ZoneChangeResult>;
