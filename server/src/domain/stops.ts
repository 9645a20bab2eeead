import { gates, hospitals, trips } from '@lastmeter/db';
import { eq } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';

/**
 * The places a vehicle stops at, as every loader of its jobs selects them: a compound's gate, and a
 * hospital's entrance — where every pickup and drop-off at a hospital happens, its pharmacy's too.
 */
export const gateStopColumns = { id: gates.id, name: gates.name, lng: gates.lng, lat: gates.lat };
export const hospitalStopColumns = {
  id: hospitals.id,
  name: hospitals.name,
  lng: hospitals.entranceLng,
  lat: hospitals.entranceLat,
};

/** Joins a round trip's two stops, its gate and its hospital, to a dynamic select on `trips`. */
export function joinTripStops<T extends PgSelect>(query: T) {
  return query
    .innerJoin(gates, eq(gates.id, trips.gateId))
    .innerJoin(hospitals, eq(hospitals.id, trips.hospitalId));
}
