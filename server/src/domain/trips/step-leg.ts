import type { Db } from '@lastmeter/db';
import type { LegStep } from '@lastmeter/shared';
import { errors } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import { recordAudit } from '../record-audit.ts';
import { type LegContext, legResource, loadLegContext, loadLegFor } from '../schedule/load-leg.ts';
import { TripEvents } from '../schedule/trip-events.ts';
import type { UseCase } from '../use-case.ts';
import { applyLegStep } from './apply-leg-step.ts';

/** The leg a use case works on, with who works it and when. */
export type LegTarget = UseCase & { legId: string };

/** A use case on one leg with its parsed body. */
export type LegUseCase<I> = LegTarget & { input: I };

type StepArgs = Omit<Parameters<typeof applyLegStep>[1], 'actor' | 'ctx' | 'step' | 'now' | 'timeZone'>;

/** What a step works with inside its transaction: the leg as locked and the transaction's events. */
export interface LockedLeg {
  tx: Db;
  locked: LegContext;
  events: TripEvents;
  /** Moves the locked leg one lifecycle step (`applyLegStep`) as the actor, now. */
  step(step: LegStep, args?: StepArgs): Promise<LegContext>;
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
    const step = (name: LegStep, args: StepArgs = {}) =>
      applyLegStep(tx, { ...args, actor, ctx: locked, step: name, now, timeZone });
    const result = await work({ tx, locked, events, audit, step });
    await events.commit();
    return result;
  });
}

/**
 * The skeleton of every step on one leg: authorize, lock the leg, step, record the events; the
 * caller presents what `work` returns.
 */
export async function stepLeg<T>(
  target: LegTarget,
  access: 'write' | 'manage',
  work: (leg: LockedLeg) => Promise<T>,
): Promise<T> {
  await authorizeLeg(target.db, target.actor, target.legId, access);
  return inLockedLeg(target.db, target, work);
}
