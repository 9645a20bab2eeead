import { type Db, queryRows } from '@lastmeter/db';
import type { InfectionClass, LegDirection, LegStatus, Mobility, Urgency } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';

/** One leg as the invariants see it, read straight from the database. */
export interface LegRow {
  id: string;
  tripId: string;
  requestId: string;
  direction: LegDirection;
  status: LegStatus;
  vehicleId: string | null;
  driverId: string | null;
  runId: string | null;
  plannedPickupAt: number | null;
  plannedDropoffAt: number | null;
  bookedFrom: number | null;
  bookedTo: number | null;
  released: boolean;
  patientId: string;
  mobility: Mobility;
  companions: number;
  infectionClass: InfectionClass;
  compoundId: string;
  districtId: string;
  hospitalId: string;
  date: string;
  urgency: Urgency;
  /** When the patient last boarded / the leg was completed / last booked (leg history), if ever. */
  boardedAt: number | null;
  completedAt: number | null;
  assignedAt: number | null;
}

export interface VehicleRow {
  id: string;
  districtId: string;
  kind: 'ambulance_120' | 'volunteer' | 'requisitioned';
  seats: number;
  wheelchairPlaces: number;
  stretchers: number;
  disinfectionMinutes: number;
  status: string;
}

export interface RequestRow {
  id: string;
  districtId: string;
  date: string;
  status: string;
  urgency: Urgency;
  tripId: string | null;
  matchReason: { code: string } | null;
}

/** A district's transport policy (一车一患者, 一客一消杀), wherever the schema keeps it. */
export interface DistrictPolicy {
  onePatientPerVehicle: boolean;
  disinfectAfterEveryPassenger: boolean;
}

export interface Snapshot {
  at: number;
  legs: LegRow[];
  vehicles: Map<string, VehicleRow>;
  requests: RequestRow[];
  policies: Map<string, DistrictPolicy>;
}

const time = (value: unknown): number | null =>
  value === null || value === undefined ? null : new Date(value as string).getTime();

/** Reads everything the invariants need in a few queries (works on postgres.js and PGlite alike). */
export async function readSnapshot(db: Db): Promise<Snapshot> {
  const at = Date.now();
  const legRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select l.id, l.trip_id, t.request_id, l.direction::text as direction, l.status::text as status,
          l.vehicle_id, l.driver_id, l.run_id, l.planned_pickup_at, l.planned_dropoff_at,
          l.booked_from, l.booked_to, l.released, l.patient_id,
          p.mobility::text as mobility, p.companions, p.infection_class::text as infection_class,
          p.compound_id, c.district_id, t.hospital_id, r.date::text as date, r.urgency::text as urgency,
          (select max(e.at) from leg_events e where e.leg_id = l.id and e.to_status = 'on_board') as boarded_at,
          (select max(e.at) from leg_events e where e.leg_id = l.id and e.to_status = 'completed') as completed_at,
          (select max(e.at) from leg_events e where e.leg_id = l.id and e.to_status = 'assigned') as assigned_at
        from legs l
        join trips t on t.id = l.trip_id
        join requests r on r.id = t.request_id
        join patients p on p.id = l.patient_id
        join compounds c on c.id = p.compound_id
        order by l.created_at, l.direction`,
  );
  const vehicleRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, district_id, kind::text as kind, seats, wheelchair_places, stretchers,
          disinfection_minutes, status::text as status from vehicles`,
  );
  const requestRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, c.district_id, r.date::text as date, r.status::text as status, r.urgency::text as urgency,
          r.match_reason, t.id as trip_id
        from requests r
        join patients p on p.id = r.patient_id
        join compounds c on c.id = p.compound_id
        left join trips t on t.request_id = r.id`,
  );
  const districtRows = await queryRows<Record<string, unknown>>(db, sql`select * from districts`);
  return {
    at,
    legs: legRows.map((r) => ({
      id: r.id as string,
      tripId: r.trip_id as string,
      requestId: r.request_id as string,
      direction: r.direction as LegDirection,
      status: r.status as LegStatus,
      vehicleId: (r.vehicle_id as string | null) ?? null,
      driverId: (r.driver_id as string | null) ?? null,
      runId: (r.run_id as string | null) ?? null,
      plannedPickupAt: time(r.planned_pickup_at),
      plannedDropoffAt: time(r.planned_dropoff_at),
      bookedFrom: time(r.booked_from),
      bookedTo: time(r.booked_to),
      released: Boolean(r.released),
      patientId: r.patient_id as string,
      mobility: r.mobility as Mobility,
      companions: Number(r.companions),
      infectionClass: r.infection_class as InfectionClass,
      compoundId: r.compound_id as string,
      districtId: r.district_id as string,
      hospitalId: r.hospital_id as string,
      date: r.date as string,
      urgency: r.urgency as Urgency,
      boardedAt: time(r.boarded_at),
      completedAt: time(r.completed_at),
      assignedAt: time(r.assigned_at),
    })),
    vehicles: new Map(
      vehicleRows.map((r) => [
        r.id as string,
        {
          id: r.id as string,
          districtId: r.district_id as string,
          kind: r.kind as VehicleRow['kind'],
          seats: Number(r.seats),
          wheelchairPlaces: Number(r.wheelchair_places),
          stretchers: Number(r.stretchers),
          disinfectionMinutes: Number(r.disinfection_minutes),
          status: r.status as string,
        },
      ]),
    ),
    requests: requestRows.map((r) => ({
      id: r.id as string,
      districtId: r.district_id as string,
      date: r.date as string,
      status: r.status as string,
      urgency: r.urgency as Urgency,
      tripId: (r.trip_id as string | null) ?? null,
      matchReason: (r.match_reason as { code: string } | null) ?? null,
    })),
    policies: new Map(districtRows.map((r) => [r.id as string, policyOf(r)])),
  };
}

/**
 * The policy flags are read by name from the district row, so the checker follows the schema as
 * it grows (a missing column means the policy is off, as the planner's defaults say).
 */
function policyOf(row: Record<string, unknown>): DistrictPolicy {
  const flag = (pattern: RegExp) =>
    Object.entries(row).some(([column, value]) => pattern.test(column) && value === true);
  return {
    onePatientPerVehicle: flag(/one_?patient/i),
    disinfectAfterEveryPassenger: flag(/every_?passenger/i),
  };
}

/** Heads of every durable stream: the last offset committed per recipient. */
export async function readStreamHeads(db: Db): Promise<Map<string, number>> {
  const rows = await queryRows<{ recipient: string; head: number | string }>(
    db,
    sql`select recipient, max("offset") as head from stream_events group by recipient`,
  );
  return new Map(rows.map((r) => [r.recipient, Number(r.head)]));
}

/** Every committed delivery of the given streams, in offset order. */
export async function readStreamEvents(
  db: Db,
  streams: string[],
): Promise<Map<string, { offset: number; eventId: number; type: string }[]>> {
  const byStream = new Map<string, { offset: number; eventId: number; type: string }[]>(
    streams.map((s) => [s, []]),
  );
  if (!streams.length) return byStream;
  const rows = await queryRows<{
    recipient: string;
    offset: number | string;
    event_id: number | string;
    type: string;
  }>(
    db,
    sql`select s.recipient, s."offset", s.event_id, e.type from stream_events s
        join domain_events e on e.id = s.event_id
        where s.recipient in (${sql.join(
          streams.map((s) => sql`${s}`),
          sql`, `,
        )})
        order by s.recipient, s."offset"`,
  );
  for (const r of rows)
    byStream.get(r.recipient)?.push({ offset: Number(r.offset), eventId: Number(r.event_id), type: r.type });
  return byStream;
}
