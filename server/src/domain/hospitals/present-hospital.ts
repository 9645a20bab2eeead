import type { hospitals } from '@lastmeter/db';
import type { Hospital, Service } from '@lastmeter/shared';

type HospitalRow = typeof hospitals.$inferSelect;

export function presentHospital(row: HospitalRow, services: Service[]): Hospital {
  return {
    id: row.id,
    districtId: row.districtId,
    name: row.name,
    address: row.address,
    phone: row.phone,
    location: { lng: row.lng, lat: row.lat },
    entrance: { lng: row.entranceLng, lat: row.entranceLat },
    acceptsPositive: row.acceptsPositive,
    crowding: row.crowding,
    status: row.status,
    services,
  };
}
