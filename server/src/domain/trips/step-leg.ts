import type { Db } from '@lastmeter/db';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import { TripEvents } from './events.ts';
import { type LegContext, legResource, loadLegContext, loadLegFor } from './load-leg.ts';

/** What a step works with inside its transaction: the leg as locked and the transaction's events. */
export interface LockedLeg {
  tx: Db;
  locked: LegContext;
  events: TripEvents;
  /** The audit row of the step, on the leg's patient (`detail` adds to the leg's id). */
  audit(action: string, detail?: Record<string, unknown>): Promise<void>;
}

/**
 * Who may take a step on a leg: `write` is the step of the leg's own driver, gatekeeper or hospital;
 * `manage` is dispatch's. A leg outside the caller's read scope is a 404 (`loadLegFor`).
 */
export async function authorizeLeg(
  db: Db,
  actor: Actor,
  legId: string,
  access: 'write' | 'manage',
): Promise<LegContext> {
  if (access === 'write') return loadLegFor(db, actor, legId, 'write');
  const seen = await loadLegFor(db, actor, legId, 'read');
  await authorize(db, actor, 'manage', legResource(seen), { entity: 'patient', entityId: seen.patient.id });
  return seen;
}

/**
 * One transaction on one locked leg: `lockFirst` takes any lock that must come before the leg's,
 * the leg is locked, `work` steps it and notes its events, and the events are recorded last
 * (`TripEvents.commit`, where the schedule gate runs) — a step whose events are refused writes nothing.
 */
export async function inLockedLeg<T>(
  db: Db,
  {
    actor,
    legId,
    now,
    timeZone,
    lockFirst,
  }: {
    actor: Actor;
    legId: string;
    now: Date;
    timeZone: string;
    lockFirst?: (tx: Db) => Promise<unknown>;
  },
  work: (leg: LockedLeg) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    if (lockFirst) await lockFirst(tx);
    const locked = await loadLegContext(tx, legId, { lock: true });
    if (!locked) throw errors.notFound('Leg');
    const events = new TripEvents(tx, actor.accountId, now, timeZone);
    const audit = (action: string, detail: Record<string, unknown> = {}) =>
      recordAudit(tx, {
        actor,
        action,
        entity: 'patient',
        entityId: locked.patient.id,
        outcome: 'allowed',
        detail: { legId, ...detail },
      });
    const result = await work({ tx, locked, events, audit });
    await events.commit();
    return result;
  });
}

/**
 * The skeleton of every step on one leg: authorize, lock the leg, step, record the events; the
 * caller presents what `work` returns.
 */
export async function stepLeg<T>(
  {
    db,
    actor,
    legId,
    access,
    now,
    timeZone,
  }: { db: Db; actor: Actor; legId: string; access: 'write' | 'manage'; now: Date; timeZone: string },
  work: (leg: LockedLeg) => Promise<T>,
): Promise<T> {
  await authorizeLeg(db, actor, legId, access);
  return inLockedLeg(db, { actor, legId, now, timeZone }, work);
}
