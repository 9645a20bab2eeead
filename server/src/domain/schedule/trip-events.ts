import type { Db } from '@lastmeter/db';
import {
  type EventPayload,
  type EventType,
  type LegEventExtra,
  leavesVehicleDirty,
  rooms,
} from '@lastmeter/shared';
import { span } from '../../observability/spans.ts';
import { type NewDomainEvent, type RecordedEvent, recordEvents } from '../events/record-event.ts';
import { settleRequests, settleVehicles } from './follow-legs.ts';
import { legEventPayload } from './leg-event-payload.ts';
import type { LegContext } from './load-leg.ts';
import { enforceScheduleGate } from './schedule-gate.ts';

/** The event types whose payload is a leg's (`legEventPayload`). */
export type LegEventType = Extract<
  EventType,
  | 'job.assigned'
  | 'job.updated'
  | 'job.cancelled'
  | 'leg.status_changed'
  | 'arrival.expected'
  | 'patient.out'
  | 'patient.back'
>;
/** The trip event types `TripEvents` records (ETA, position and zone events belong to the realtime area). */
export type TripEventType =
  | LegEventType
  | Extract<
      EventType,
      | 'incident.opened'
      | 'incident.resolved'
      | 'request.status_changed'
      | 'vehicle.status_changed'
      | 'delivery.updated'
    >;

type Party = 'vehicle' | 'district' | 'compound' | 'hospital';

/** The rooms of the parties a leg touches; a leg without a vehicle has no driver to tell. */
export function roomsOf(ctx: LegContext, parties: readonly Party[], vehicleId = ctx.leg.vehicleId): string[] {
  return parties.flatMap((party) => {
    switch (party) {
      case 'vehicle':
        return vehicleId ? [rooms.vehicle(vehicleId)] : [];
      case 'district':
        return [rooms.district(ctx.compound.districtId)];
      case 'compound':
        return [rooms.compound(ctx.compound.id)];
      case 'hospital':
        return [rooms.hospital(ctx.hospital.id)];
      default: {
        const unreachable: never = party;
        return unreachable;
      }
    }
  });
}

/**
 * Collects the events of one transaction, in the order they happened, and records them together at
 * the end (`commit`) so the stream heads are locked in one sorted pass. It also notes whose legs the
 * events are about: `commit` first brings those requests' statuses in line with their legs, so every
 * path that moves a leg (plan, manual assign, decline, breakdown …) keeps them right in one place.
 */
export class TripEvents {
  private readonly pending: NewDomainEvent[] = [];
  private readonly requestIds = new Set<string>();
  private readonly unservedRequestIds = new Set<string>();
  private readonly vehicleIds = new Set<string>();
  private readonly dirtied = new Set<string>();
  constructor(
    private readonly tx: Db,
    private readonly actorId: string | null,
    /** When the steps happen (the server's clock): a disinfection starts now, the gate judges from now. */
    readonly now: Date,
    /** The city's time zone (config `TIME_ZONE`): which day `now` falls on. */
    readonly timeZone: string,
  ) {}

  async add<T extends TripEventType>(type: T, payload: EventPayload<T>, recipients: string[]): Promise<void> {
    if (recipients.length === 0) return;
    // The signature ties payload to type; TypeScript cannot follow that through a generic union.
    this.pending.push({ type, payload, actorId: this.actorId, recipients } as NewDomainEvent);
  }

  /** Settle these requests' statuses at `commit` too (legs already right, status maybe not). */
  follow(requestIds: Iterable<string>): void {
    for (const id of requestIds) this.requestIds.add(id);
  }

  /** The planner found no vehicle for these requests: they are `unserved` while a leg waits. */
  unserved(requestIds: Iterable<string>): void {
    for (const id of requestIds) {
      this.requestIds.add(id);
      this.unservedRequestIds.add(id);
    }
  }

  /**
   * Settles the statuses that follow the legs (adding their events), then records everything; call it
   * last inside the transaction. Committing delivers them (no publishing by hand).
   */
  async commit(): Promise<RecordedEvent[]> {
    // Every change to a vehicle's schedule in this transaction passes the one gate, or nothing is written.
    await span('gate', () => enforceScheduleGate(this.tx, { now: this.now }));
    return span('record', () => this.record());
  }

  private async record(): Promise<RecordedEvent[]> {
    // Requests first, then vehicles (the lock order every trip transaction keeps); the two settle
    // side by side, their statements going to the database in that order.
    const [requestEvents, vehicleEvents] = await Promise.all([
      settleRequests(this.tx, {
        requestIds: this.requestIds,
        unserved: this.unservedRequestIds,
        actorId: this.actorId,
      }),
      settleVehicles(this.tx, {
        vehicleIds: this.vehicleIds,
        dirtied: this.dirtied,
        now: this.now,
        actorId: this.actorId,
      }),
    ]);
    const followers = [...requestEvents, ...vehicleEvents];
    this.requestIds.clear();
    this.vehicleIds.clear();
    this.dirtied.clear();
    return recordEvents(this.tx, [...this.pending.splice(0), ...followers]);
  }

  /**
   * Hands everything collected to a caller that records it together with events of its own (one
   * `recordEvents` call per transaction), instead of `commit`.
   */
  drain(): NewDomainEvent[] {
    return this.pending.splice(0);
  }

  /** A leg event to some of its parties. */
  async leg(
    type: LegEventType,
    ctx: LegContext,
    parties: readonly Party[],
    extra: LegEventExtra = {},
  ): Promise<void> {
    this.requestIds.add(ctx.request.id);
    const vehicleId = ctx.leg.vehicleId;
    if (vehicleId) {
      this.vehicleIds.add(vehicleId);
      if (ctx.leg.status === 'completed' && leavesVehicleDirty(ctx.patient, ctx.compound))
        this.dirtied.add(vehicleId);
    }
    await this.add(type, legEventPayload(ctx, extra), roomsOf(ctx, parties));
  }
}
