import type { compounds, districts, gates, zones } from '@lastmeter/db';
import type { Compound, District, Gate, Zone } from '@lastmeter/shared';

type DistrictRow = typeof districts.$inferSelect;
type CompoundRow = typeof compounds.$inferSelect;
type GateRow = typeof gates.$inferSelect;
type ZoneRow = typeof zones.$inferSelect;

export function presentDistrict(row: DistrictRow): District {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    city: row.city,
    center: { lng: row.center[0], lat: row.center[1] },
  };
}

export function presentGate(row: GateRow): Gate {
  return { id: row.id, name: row.name, lng: row.lng, lat: row.lat };
}

/**
 * `gateRows`: this compound's gates. The self-registration token stays out: the link is issued by its
 * own, gatekeeper-only route.
 */
export function presentCompound(row: CompoundRow, gateRows: GateRow[]): Compound {
  return {
    id: row.id,
    districtId: row.districtId,
    name: row.name,
    address: row.address,
    boundary: row.boundary,
    level: row.level,
    levelZoneId: row.levelZoneId,
    gates: gateRows.map(presentGate),
  };
}

export function presentZone(row: ZoneRow): Zone {
  return {
    id: row.id,
    districtId: row.districtId,
    name: row.name,
    level: row.level,
    geometry: row.geometry,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}
