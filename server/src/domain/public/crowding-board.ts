import { type Db, hospitals } from '@lastmeter/db';
import {
  CROWDING_COLORS,
  type CrowdingBoard,
  type CrowdingBoardEntry,
  HEALTH_HOTLINE,
} from '@lastmeter/shared';
import { asc } from 'drizzle-orm';
import { servicesOf } from '../hospitals/hospital-services.ts';

/**
 * Every hospital's emergency crowding, open/diverting and positive intake: public, no personal data.
 * Deterministic for the same data, so its ETag lets pollers and shared caches revalidate cheaply.
 */
export async function getCrowdingBoard({ db }: { db: Db }): Promise<CrowdingBoard> {
  const rows = await db.select().from(hospitals).orderBy(asc(hospitals.name));
  const services = await servicesOf(
    db,
    rows.map((r) => r.id),
  );
  const entries: CrowdingBoardEntry[] = rows.map((r) => ({
    hospitalId: r.id,
    name: r.name,
    address: r.address,
    phone: r.phone,
    lng: r.entranceLng,
    lat: r.entranceLat,
    crowding: r.crowding,
    color: CROWDING_COLORS[r.crowding].color,
    status: r.status,
    acceptsPositive: r.acceptsPositive,
    emergency: (services.get(r.id) ?? []).includes('emergency'),
    updatedAt: r.statusUpdatedAt?.toISOString() ?? null,
  }));
  const latest = rows.reduce<Date | null>(
    (max, r) => (r.statusUpdatedAt && (!max || r.statusUpdatedAt > max) ? r.statusUpdatedAt : max),
    null,
  );
  return { updatedAt: latest?.toISOString() ?? null, hotline: HEALTH_HOTLINE, hospitals: entries };
}

/** The board as an RFC 7946 FeatureCollection of points (the emergency entrance), for map apps. */
export function crowdingGeoJson(board: CrowdingBoard) {
  return {
    type: 'FeatureCollection' as const,
    features: board.hospitals.map(({ lng, lat, ...properties }) => ({
      type: 'Feature' as const,
      id: properties.hospitalId,
      geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
      properties,
    })),
  };
}
