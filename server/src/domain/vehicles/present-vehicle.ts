import type { drivers, vehicles } from '@lastmeter/db';
import type { Vehicle } from '@lastmeter/shared';

type VehicleRow = typeof vehicles.$inferSelect;
type DriverRow = Pick<typeof drivers.$inferSelect, 'id' | 'accountId' | 'name'>;

export function presentVehicle(row: VehicleRow, driver: DriverRow | null): Vehicle {
  return {
    id: row.id,
    districtId: row.districtId,
    kind: row.kind,
    plate: row.plate,
    callSign: row.callSign,
    seats: row.seats,
    wheelchairPlaces: row.wheelchairPlaces,
    stretchers: row.stretchers,
    base: { lng: row.baseLng, lat: row.baseLat },
    shiftStart: row.shiftStart,
    shiftEnd: row.shiftEnd,
    disinfectionMinutes: row.disinfectionMinutes,
    status: row.status,
    disinfectingUntil: row.disinfectingUntil?.toISOString() ?? null,
    driver: driver ? { driverId: driver.id, accountId: driver.accountId, name: driver.name } : null,
    lastPosition:
      row.lastLng !== null && row.lastLat !== null && row.lastSeenAt !== null
        ? { lng: row.lastLng, lat: row.lastLat, at: row.lastSeenAt.toISOString() }
        : null,
    stale: row.staleSince !== null,
  };
}
