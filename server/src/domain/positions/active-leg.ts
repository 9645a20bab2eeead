import { type Db, queryRows } from '@lastmeter/db';
import { ACTIVE_LEG_STATUSES } from '@lastmeter/shared';
import { sql } from 'drizzle-orm';

/** `ACTIVE_LEG_STATUSES` for the hand-written queries on a vehicle's legs: `l.status in (${activeLegStatusList})`. */
export const activeLegStatusList = sql.join(
  ACTIVE_LEG_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

export interface ActiveLeg {
  legId: string;
  tripId: string;
  /** The request's service date, YYYY-MM-DD. */
  date: string;
  status: (typeof ACTIVE_LEG_STATUSES)[number];
  direction: 'outbound' | 'return';
  etaAt: Date | null;
  hospitalId: string;
  compoundId: string;
  /** Where the vehicle goes next: the pickup until the patient is on board, then the drop-off. */
  stop: 'pickup' | 'dropoff';
  stopLng: number;
  stopLat: number;
}

interface Row {
  vehicle_id: string;
  leg_id: string;
  trip_id: string;
  date: string;
  status: ActiveLeg['status'];
  direction: ActiveLeg['direction'];
  eta_at: Date | string | null;
  hospital_id: string;
  compound_id: string;
  gate_lng: number;
  gate_lat: number;
  hospital_lng: number;
  hospital_lat: number;
}

/**
 * The leg each vehicle is serving now, in one query for many vehicles (a batch of position reports,
 * server/src/domain/realtime/report-positions.ts): one already under way comes before one merely
 * accepted, then the earliest planned pickup. Vehicles serving none are absent.
 */
export async function loadActiveLegs(db: Db, vehicleIds: readonly string[]): Promise<Map<string, ActiveLeg>> {
  const found = new Map<string, ActiveLeg>();
  if (!vehicleIds.length) return found;
  const rows = await queryRows<Row>(
    db,
    sql`select distinct on (l.vehicle_id) l.vehicle_id, l.id as leg_id, l.trip_id, to_char(r.date, 'YYYY-MM-DD') as date,
          l.status, l.direction, l.eta_at, t.hospital_id, g.compound_id,
          g.lng as gate_lng, g.lat as gate_lat,
          h.entrance_lng as hospital_lng, h.entrance_lat as hospital_lat
        from legs l
        join trips t on t.id = l.trip_id
        join requests r on r.id = t.request_id
        join gates g on g.id = t.gate_id
        join hospitals h on h.id = t.hospital_id
        where l.vehicle_id in (${sql.join(
          vehicleIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and l.status in (${activeLegStatusList})
        order by l.vehicle_id,
          case l.status when 'on_board' then 0 when 'at_pickup' then 1 when 'en_route' then 2 else 3 end,
          l.planned_pickup_at nulls last, l.id`,
  );
  for (const row of rows) {
    const stop = row.status === 'on_board' ? 'dropoff' : 'pickup';
    // Outbound legs go gate → hospital, return legs hospital → gate.
    const atGate = (row.direction === 'outbound') === (stop === 'pickup');
    found.set(row.vehicle_id, {
      legId: row.leg_id,
      tripId: row.trip_id,
      date: row.date,
      status: row.status,
      direction: row.direction,
      etaAt: row.eta_at === null ? null : new Date(row.eta_at),
      hospitalId: row.hospital_id,
      compoundId: row.compound_id,
      stop,
      stopLng: Number(atGate ? row.gate_lng : row.hospital_lng),
      stopLat: Number(atGate ? row.gate_lat : row.hospital_lat),
    });
  }
  return found;
}
