import {
  compounds,
  type Db,
  gates,
  hospitals,
  legs,
  patients,
  requests,
  trips,
  vehicles,
} from '@lastmeter/db';
import { eq, inArray } from 'drizzle-orm';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';
import { joinTripStops } from '../stops.ts';

export type TrackedLeg = typeof legs.$inferSelect & {
  vehicle: { plate: string; lng: number | null; lat: number | null; seenAt: Date | null } | null;
};

export interface TrackedTrip {
  tripId: string;
  date: string;
  patient: { id: string; name: string; compoundId: string; districtId: string };
  gate: { name: string; lng: number; lat: number };
  hospital: { name: string; lng: number; lat: number };
  outbound: TrackedLeg;
  back: TrackedLeg | null;
}

/** One round trip as the tracking link shows it: both legs, their vehicles' plates and last positions. */
export async function loadTrackedTrip(db: Db, tripId: string): Promise<TrackedTrip | null> {
  const withPatient = joinPatientCompound(
    db
      .select({
        tripId: trips.id,
        date: requests.date,
        patientId: patients.id,
        patientName: patients.name,
        compoundId: compounds.id,
        districtId: compounds.districtId,
        gate: { name: gates.name, lng: gates.lng, lat: gates.lat },
        hospital: { name: hospitals.name, lng: hospitals.entranceLng, lat: hospitals.entranceLat },
      })
      .from(trips)
      .innerJoin(requests, eq(requests.id, trips.requestId))
      .$dynamic(),
    trips.patientId,
  );
  const [head] = await joinTripStops(withPatient).where(eq(trips.id, tripId));
  if (!head) return null;
  const legRows = await db.select().from(legs).where(eq(legs.tripId, tripId));
  const vehicleIds = legRows.flatMap((l) => (l.vehicleId ? [l.vehicleId] : []));
  const vehicleRows = vehicleIds.length
    ? await db
        .select({
          id: vehicles.id,
          plate: vehicles.plate,
          lng: vehicles.lastLng,
          lat: vehicles.lastLat,
          seenAt: vehicles.lastSeenAt,
        })
        .from(vehicles)
        .where(inArray(vehicles.id, vehicleIds))
    : [];
  const withVehicle = (leg: typeof legs.$inferSelect): TrackedLeg => {
    const v = vehicleRows.find((row) => row.id === leg.vehicleId);
    return { ...leg, vehicle: v ? { plate: v.plate, lng: v.lng, lat: v.lat, seenAt: v.seenAt } : null };
  };
  const outbound = legRows.find((l) => l.direction === 'outbound');
  if (!outbound) return null;
  const back = legRows.find((l) => l.direction === 'return');
  return {
    tripId: head.tripId,
    date: head.date,
    patient: {
      id: head.patientId,
      name: head.patientName,
      compoundId: head.compoundId,
      districtId: head.districtId,
    },
    gate: head.gate,
    hospital: head.hospital,
    outbound: withVehicle(outbound),
    back: back ? withVehicle(back) : null,
  };
}
