import { accountScopes, accounts, type Db, deliveries, drivers, legs, vehicles } from '@lastmeter/db';
import {
  BOOKED_DELIVERY_STATUSES,
  BOOKED_LEG_STATUSES,
  cityDateOf,
  type DeliveryStep,
  type VehiclePosition,
} from '@lastmeter/shared';
import { and, asc, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../domain/actor.ts';
import { loadActor } from '../domain/auth/load-actor.ts';
import { takeDeliveryStep } from '../domain/deliveries/take-delivery-step.ts';
import { reportPositions } from '../domain/positions/report-positions.ts';
import { type DeliveryContext, loadDeliveryContexts } from '../domain/schedule/load-delivery.ts';
import { type LegContext, loadLegContexts } from '../domain/schedule/load-leg.ts';
import { travelModel } from '../domain/travel/travel-model.ts';
import { type PlainStep, takeLegStep } from '../domain/trips/take-leg-step.ts';
import { defaultTurfTravel } from '../planner/index.ts';

/**
 * Simulated drivers for the demo city (`pnpm start --simulate`, or LASTMETER_SIMULATE=1): every
 * driver accepts their jobs, sets off when the (sped-up) clock says so, drives straight towards the
 * stop at the vehicle kind's speed × the speed-up, and reports each step and position through the
 * same use cases a phone would. The gate's "out"/"back" and the hospital's "arrived" are played by
 * the compound's gatekeeper and the hospital's desk account, if the city has them; a will-call
 * return waits for a real "treatment finished". Between patients, a driver with medicine deliveries
 * collects each parcel at the pharmacy when it is due and leaves it at the gate, where the gatekeeper
 * signs for it and hands it over.
 */
export interface DriverSimulation {
  stop(): Promise<void>;
}

interface SimulatedVehicle {
  actor: Actor;
  kind: keyof typeof defaultTurfTravel.speedKmh;
  lng: number;
  lat: number;
}

const TICK_MS = 1000;
/** Within this many metres of a stop the vehicle is there. */
const ARRIVED_METRES = 60;
const SIM_SESSION = { id: '00000000-0000-0000-0000-000000000000', expiresAt: new Date(8.64e15) };

export function startDriverSimulation({
  app,
  speed,
  broadcastPosition,
  leaveToPeople = [],
}: {
  app: AppContext;
  /** Driver usernames not simulated: people log in as them and take their jobs by hand. */
  leaveToPeople?: readonly string[];
  /** How much faster than real time the simulated vehicles drive and the simulated clock runs. */
  speed: number;
  broadcastPosition: (position: VehiclePosition) => void;
}): DriverSimulation {
  // The sped-up clock runs from the server's clock (server/src/clock.ts): a test that sets the server's
  // time sets the simulation's too; real seconds then count `speed` times over.
  const startedAt = Date.now();
  const simNow = () => new Date(app.clock.now().getTime() + (Date.now() - startedAt) * (speed - 1));
  const fleet = new Map<string, SimulatedVehicle>();
  const counterparts = new Map<string, Actor | null>();
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;

  async function counterpart(
    key: string,
    find: (db: Db) => Promise<string | undefined>,
  ): Promise<Actor | null> {
    if (!counterparts.has(key)) {
      const accountId = await find(app.db);
      counterparts.set(key, accountId ? await loadActor(app.db, accountId, SIM_SESSION, 'simulator') : null);
    }
    return counterparts.get(key) ?? null;
  }

  const gatekeeperOf = (compoundId: string) =>
    counterpart(`compound:${compoundId}`, async (db) => {
      const [row] = await db
        .select({ id: accounts.id })
        .from(accountScopes)
        .innerJoin(accounts, eq(accounts.id, accountScopes.accountId))
        .where(
          and(
            eq(accountScopes.compoundId, compoundId),
            eq(accounts.role, 'gatekeeper'),
            isNull(accounts.disabledAt),
          ),
        )
        .limit(1);
      return row?.id;
    });

  const deskOf = (hospitalId: string) =>
    counterpart(`hospital:${hospitalId}`, async (db) => {
      const [row] = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(
          and(
            eq(accounts.hospitalId, hospitalId),
            eq(accounts.role, 'hospital'),
            isNull(accounts.disabledAt),
          ),
        )
        .limit(1);
      return row?.id;
    });

  async function loadFleet(): Promise<void> {
    const rows = await app.db
      .select({
        accountId: drivers.accountId,
        vehicleId: vehicles.id,
        kind: vehicles.kind,
        lng: vehicles.lastLng,
        lat: vehicles.lastLat,
        baseLng: vehicles.baseLng,
        baseLat: vehicles.baseLat,
      })
      .from(drivers)
      .innerJoin(vehicles, eq(vehicles.id, drivers.vehicleId))
      .innerJoin(accounts, eq(accounts.id, drivers.accountId))
      .where(
        and(
          ne(vehicles.status, 'off'),
          leaveToPeople.length ? notInArray(accounts.username, [...leaveToPeople]) : undefined,
        ),
      );
    for (const r of rows) {
      if (fleet.has(r.vehicleId)) continue;
      const actor = await loadActor(app.db, r.accountId, SIM_SESSION, 'simulator');
      if (actor?.vehicleId)
        fleet.set(r.vehicleId, { actor, kind: r.kind, lng: r.lng ?? r.baseLng, lat: r.lat ?? r.baseLat });
    }
  }

  async function step(actor: Actor, ctx: LegContext, name: PlainStep, at?: SimulatedVehicle): Promise<void> {
    await takeLegStep({
      db: app.db,
      actor,
      legId: ctx.leg.id,
      step: name,
      input: { version: ctx.leg.version, ...(at ? { lng: at.lng, lat: at.lat } : {}) },
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    });
  }

  /** Moves the vehicle one tick towards a point; true once it is there. */
  async function driveTowards(v: SimulatedVehicle, target: { lng: number; lat: number }): Promise<boolean> {
    const metres =
      travelModel().kilometres([
        [v.lng, v.lat],
        [target.lng, target.lat],
      ])[1]! * 1000;
    const stepMetres = ((defaultTurfTravel.speedKmh[v.kind] * 1000) / 3600) * (TICK_MS / 1000) * speed;
    const fraction = metres <= stepMetres || metres < ARRIVED_METRES ? 1 : stepMetres / metres;
    v.lng += (target.lng - v.lng) * fraction;
    v.lat += (target.lat - v.lat) * fraction;
    try {
      const [outcome] = await reportPositions({
        db: app.db,
        reports: [
          {
            actor: v.actor,
            input: {
              lng: v.lng,
              lat: v.lat,
              recordedAt: app.clock.now().toISOString(),
              speed: stepMetres / (TICK_MS / 1000) / speed,
            },
            now: app.clock.now(),
          },
        ],
        travel: travelModel(),
        minIntervalMs: 0,
      });
      if (!outcome?.ok) throw outcome?.error;
      const { reported } = outcome;
      broadcastPosition(reported.position);
    } catch (err) {
      app.logger.debug({ err, vehicleId: v.actor.vehicleId }, 'simulated position refused');
    }
    return fraction === 1;
  }

  async function advance(v: SimulatedVehicle): Promise<void> {
    const vehicleId = v.actor.vehicleId;
    if (!vehicleId) return;
    const jobs = await loadLegContexts(
      app.db,
      and(eq(legs.vehicleId, vehicleId), inArray(legs.status, [...BOOKED_LEG_STATUSES])),
      {
        orderBy: asc(legs.plannedPickupAt),
      },
    );
    // Accepting is instant (a job takes its own day: tomorrow's waits); the legs are then driven one
    // at a time, in planned order.
    const today = cityDateOf(app.clock.now(), app.config.timeZone);
    for (const job of jobs)
      if (job.leg.status === 'assigned' && job.request.date === today) await step(v.actor, job, 'accept');
    const underWay = jobs.some((j) => !['assigned', 'accepted'].includes(j.leg.status));
    if (!underWay && (await advanceParcel(v, vehicleId))) return;
    const current = jobs.find((j) => j.leg.status !== 'assigned') ?? jobs[0];
    if (!current) return;
    const [ctx] = await loadLegContexts(app.db, eq(legs.id, current.leg.id));
    if (!ctx) return;
    const outbound = ctx.leg.direction === 'outbound';
    const pickup = outbound ? ctx.gate : ctx.hospital;
    const dropoff = outbound ? ctx.hospital : ctx.gate;
    switch (ctx.leg.status) {
      case 'accepted': {
        const driveMs =
          travelModel().minutes(
            [
              [v.lng, v.lat],
              [pickup.lng, pickup.lat],
            ],
            v.kind,
          )[1]! * 60_000;
        const due = (ctx.leg.plannedPickupAt?.getTime() ?? 0) - driveMs;
        if (ctx.leg.released && simNow().getTime() >= due) await step(v.actor, ctx, 'depart', v);
        return;
      }
      case 'en_route':
        if (await driveTowards(v, pickup)) await step(v.actor, ctx, 'reach_pickup', v);
        return;
      case 'at_pickup': {
        if (!outbound) return ctx.leg.released ? step(v.actor, ctx, 'board', v) : undefined;
        const gatekeeper = await gatekeeperOf(ctx.compound.id);
        return gatekeeper ? step(gatekeeper, ctx, 'out', v) : undefined;
      }
      case 'on_board':
        if (await driveTowards(v, dropoff)) await step(v.actor, ctx, 'arrive', v);
        return;
      case 'arrived': {
        const other = outbound ? await deskOf(ctx.hospital.id) : await gatekeeperOf(ctx.compound.id);
        return other ? step(other, ctx, outbound ? 'confirm_arrival' : 'back') : undefined;
      }
      default:
        return;
    }
  }

  async function parcelStep(actor: Actor, ctx: DeliveryContext, name: DeliveryStep, at?: SimulatedVehicle) {
    const { driver } = await takeDeliveryStep({
      db: app.db,
      actor,
      deliveryId: ctx.delivery.id,
      step: name,
      input: { version: ctx.delivery.version, ...(at ? { lng: at.lng, lat: at.lat } : {}) },
      now: app.clock.now(),
      timeZone: app.config.timeZone,
    });
    return { ...ctx, delivery: { ...ctx.delivery, status: driver.status, version: driver.version } };
  }

  /** The next parcel, when one is due or in hand; false when the vehicle should see to its patients. */
  async function advanceParcel(v: SimulatedVehicle, vehicleId: string): Promise<boolean> {
    const [parcel] = await loadDeliveryContexts(
      app.db,
      and(eq(deliveries.vehicleId, vehicleId), inArray(deliveries.status, [...BOOKED_DELIVERY_STATUSES])),
      { orderBy: asc(deliveries.plannedPickupAt) },
    );
    if (!parcel) return false;
    if (parcel.delivery.status === 'assigned') {
      const driveMs =
        travelModel().minutes(
          [
            [v.lng, v.lat],
            [parcel.pharmacy.lng, parcel.pharmacy.lat],
          ],
          v.kind,
        )[1]! * 60_000;
      if (simNow().getTime() < (parcel.delivery.plannedPickupAt?.getTime() ?? 0) - driveMs) return false;
      if (await driveTowards(v, parcel.pharmacy)) await parcelStep(v.actor, parcel, 'pick_up', v);
      return true;
    }
    if (!(await driveTowards(v, parcel.gate))) return true;
    const left = await parcelStep(v.actor, parcel, 'hand_to_gate', v);
    const gatekeeper = await gatekeeperOf(parcel.compound.id);
    if (gatekeeper) await parcelStep(gatekeeper, await parcelStep(gatekeeper, left, 'receive'), 'hand_over');
    return true;
  }

  async function tick(): Promise<void> {
    await loadFleet();
    for (const v of fleet.values()) {
      if (stopped) return;
      try {
        await advance(v);
      } catch (err) {
        // A real person may have acted on the same leg meanwhile: the next tick sees the new state.
        app.logger.debug({ err, vehicleId: v.actor.vehicleId }, 'simulated driver step refused');
      }
    }
  }

  const timer = setInterval(() => {
    // A slow tick (a big fleet on PGlite) is not stacked up behind: the next one just waits its turn.
    if (busy) return;
    busy = true;
    running = tick()
      .catch((err: unknown) => app.logger.warn({ err }, 'driver simulation tick failed'))
      .finally(() => {
        busy = false;
      });
  }, TICK_MS);
  app.logger.info({ speed }, 'simulated drivers running');

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
