import {
  compounds,
  type Db,
  districts,
  hospitals,
  legs,
  patients,
  requests,
  trips,
  vehicles,
} from '@lastmeter/db';
import { TERMINAL_LEG_STATUSES } from '@lastmeter/shared';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { authorizeHidden } from '../authorize.ts';
import { joinPatientCompound } from '../patients/join-patient-compound.ts';
import type { Action, Resource } from '../policies.ts';
import { gateStopColumns, hospitalStopColumns, joinTripStops } from '../stops.ts';

/** A leg with everything its presenters, rooms and rules need, in one query. */
export interface LegContext {
  leg: typeof legs.$inferSelect;
  trip: typeof trips.$inferSelect;
  request: Pick<
    typeof requests.$inferSelect,
    | 'id'
    | 'service'
    | 'urgency'
    | 'windowStart'
    | 'windowEnd'
    | 'returnMode'
    | 'treatmentMinutes'
    | 'date'
    | 'matchReason'
  >;
  patient: Pick<
    typeof patients.$inferSelect,
    'id' | 'name' | 'mobility' | 'companions' | 'infectionClass' | 'compoundId'
  >;
  /** `disinfectAfterEveryPassenger` is the compound's district's 一客一消杀 policy (rule 3). */
  compound: { id: string; name: string; districtId: string; disinfectAfterEveryPassenger: boolean };
  gate: { id: string; name: string; lng: number; lat: number };
  hospital: { id: string; name: string; lng: number; lat: number };
  vehicle: {
    id: string;
    plate: string;
    kind: (typeof vehicles.$inferSelect)['kind'];
    disinfectionMinutes: number;
  } | null;
  /**
   * An outbound leg completed at the hospital whose will-call return is not released (nor over):
   * the patient is in treatment, waiting for "treatment finished".
   */
  inTreatment: boolean;
  /** Phone numbers the driver may call: the compound's gatekeeper and the hospital's desk ('' when unknown). */
  contacts: { gate: string; hospitalDesk: string };
}

/** See `LegContext.inTreatment`; the return leg is found by the (trip_id, direction) unique index. */
export const inTreatmentSql = sql<boolean>`(${legs.direction} = 'outbound' and ${legs.status} = 'completed' and exists (
  select 1 from "legs" "rl" where "rl"."trip_id" = ${legs.tripId} and "rl"."direction" = 'return'
    and not "rl"."released" and "rl"."status" not in (${sql.join(
      TERMINAL_LEG_STATUSES.map((s) => sql`${s}`),
      sql`, `,
    )})))`;

/** The phone of one active gatekeeper of the patient's compound (the first by username), for the driver's call button. */
const gatekeeperPhoneSql = sql<string | null>`(select "a"."phone" from "account_scopes" "s"
  join "accounts" "a" on "a"."id" = "s"."account_id"
  where "s"."compound_id" = ${compounds.id} and "a"."role" = 'gatekeeper' and "a"."disabled_at" is null
    and "a"."phone" <> '' order by "a"."username" limit 1)`;

const columns = {
  leg: legs,
  trip: trips,
  request: {
    id: requests.id,
    service: requests.service,
    urgency: requests.urgency,
    windowStart: requests.windowStart,
    windowEnd: requests.windowEnd,
    returnMode: requests.returnMode,
    treatmentMinutes: requests.treatmentMinutes,
    date: requests.date,
    matchReason: requests.matchReason,
  },
  patient: {
    id: patients.id,
    name: patients.name,
    mobility: patients.mobility,
    companions: patients.companions,
    infectionClass: patients.infectionClass,
    compoundId: patients.compoundId,
  },
  compound: {
    id: compounds.id,
    name: compounds.name,
    districtId: compounds.districtId,
    disinfectAfterEveryPassenger: districts.disinfectAfterEveryPassenger,
  },
  gate: gateStopColumns,
  hospital: hospitalStopColumns,
  vehicleId: vehicles.id,
  vehiclePlate: vehicles.plate,
  vehicleKind: vehicles.kind,
  vehicleDisinfection: vehicles.disinfectionMinutes,
  inTreatment: inTreatmentSql,
  hospitalPhone: hospitals.phone,
  gatePhone: gatekeeperPhoneSql,
};

/** Loads legs matching `where` with their context; `lock` takes row locks on the legs (inside a transaction). */
export async function loadLegContexts(
  db: Db,
  where: SQL | undefined,
  options: { lock?: boolean; orderBy?: SQL } = {},
): Promise<LegContext[]> {
  const withPatient = joinPatientCompound(
    db
      .select(columns)
      .from(legs)
      .innerJoin(trips, eq(trips.id, legs.tripId))
      .innerJoin(requests, eq(requests.id, trips.requestId))
      .$dynamic(),
    legs.patientId,
  ).innerJoin(districts, eq(districts.id, compounds.districtId));
  const query = joinTripStops(withPatient)
    .leftJoin(vehicles, eq(vehicles.id, legs.vehicleId))
    .where(where)
    .orderBy(options.orderBy ?? sql`${legs.plannedPickupAt} asc nulls last, ${legs.id}`);
  const rows = options.lock ? await query.for('update', { of: legs }) : await query;
  return rows.map((r) => ({
    leg: r.leg,
    trip: r.trip,
    request: r.request,
    patient: r.patient,
    compound: r.compound,
    gate: r.gate,
    hospital: r.hospital,
    vehicle:
      r.vehicleId && r.vehiclePlate && r.vehicleKind
        ? {
            id: r.vehicleId,
            plate: r.vehiclePlate,
            kind: r.vehicleKind,
            disinfectionMinutes: r.vehicleDisinfection ?? 0,
          }
        : null,
    inTreatment: Boolean(r.inTreatment),
    contacts: { gate: r.gatePhone ?? '', hospitalDesk: r.hospitalPhone },
  }));
}

export async function loadLegContext(
  db: Db,
  legId: string,
  options: { lock?: boolean } = {},
): Promise<LegContext | undefined> {
  const [ctx] = await loadLegContexts(db, eq(legs.id, legId), options);
  return ctx;
}

export function legResource(ctx: LegContext): Extract<Resource, { kind: 'leg' }> {
  return {
    kind: 'leg',
    districtId: ctx.compound.districtId,
    compoundId: ctx.compound.id,
    hospitalId: ctx.hospital.id,
    vehicleId: ctx.leg.vehicleId,
  };
}

/**
 * Loads a leg for an actor: a leg outside their scope is "not found" (a driver must not learn that
 * another vehicle's leg exists), and the refused look is audited, since a leg carries a patient.
 */
export async function loadLegFor(
  db: Db,
  actor: Actor,
  legId: string,
  action: Action,
  options: { lock?: boolean } = {},
): Promise<LegContext> {
  return authorizeHidden(
    db,
    actor,
    { name: 'Leg', row: await loadLegContext(db, legId, options), resource: legResource, action },
    (ctx) => ({ action: `leg.${action}`, patientId: ctx.patient.id, detail: { legId } }),
  );
}
