import type { Role } from '@lastmeter/shared';
import { exhaustive } from '@lastmeter/shared/exhaustive.ts';
import type { Actor } from './actor.ts';

/**
 * The one place that decides who may do what (docs/product.md "Users"). Use cases call `can`/`assertCan`
 * first, before touching data; the HTTP and socket layers never decide access themselves.
 */
export type Resource =
  | { kind: 'district'; districtId: string }
  | { kind: 'compound'; districtId: string; compoundId: string }
  | { kind: 'patient'; districtId: string; compoundId: string }
  /** A compound's (or, with `compoundId: null`, a whole district's) requests for care. */
  | { kind: 'request'; districtId: string; compoundId: string | null }
  /** A compound's self-registration link and QR code. */
  | { kind: 'self_registration'; districtId: string; compoundId: string }
  | { kind: 'zone'; districtId: string }
  | { kind: 'hospital'; hospitalId: string }
  | { kind: 'vehicle'; districtId: string; vehicleId: string }
  /** The audit trail and the account registry as a whole. */
  | { kind: 'accounts' }
  /**
   * One staff account, by its role and the districts it works in (a driver's: its vehicle's; a
   * gatekeeper's: its compounds'). Admins manage every account; dispatchers their districts' drivers.
   */
  | { kind: 'account'; role: Role; districtIds: string[] }
  /** City-wide setup — creating districts and hospitals: admin only. */
  | { kind: 'city' }
  /**
   * One leg of a round trip, seen by the parties it touches: its district's dispatch, its vehicle's
   * driver, its hospital and its compound's gatekeepers. Which step each may take is the lifecycle's call.
   */
  | { kind: 'leg'; districtId: string; compoundId: string; hospitalId: string; vehicleId: string | null }
  /**
   * A medicine delivery (and its prescription), seen by the parties it touches: its district's dispatch,
   * its compound's gatekeepers, the hospital whose pharmacy fills it, and the driver of the vehicle
   * carrying it. Which step each may take is the delivery lifecycle's call (shared/src/deliveries.ts);
   * assigning one to a vehicle (`manage`) is its district's dispatch's.
   */
  | {
      kind: 'delivery';
      districtId: string;
      compoundId: string;
      hospitalId: string;
      vehicleId: string | null;
    }
  /** A district's trip operations: planning the day, incidents, breakdowns. */
  | { kind: 'dispatch'; districtId: string }
  /**
   * An online visit, seen by its compound's gatekeepers and district's dispatch (who book it: `write`)
   * and its hospital's desk (who holds it: `manage` — start it, record the outcome). Moving or
   * cancelling a booked visit (`write`) is open to both sides: the household's and the desk's.
   */
  | { kind: 'online_visit'; districtId: string; compoundId: string; hospitalId: string };

export type Action = 'read' | 'write' | 'reveal_identity' | 'verify' | 'manage';

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.role === 'admin') return true;
  const district = 'districtId' in resource && actor.districtIds.includes(resource.districtId);
  switch (resource.kind) {
    case 'district':
      return actor.role === 'dispatcher' ? district && action === 'read' : false;
    case 'compound':
      // Dispatch draws compounds and gates; assigning gatekeepers (`manage`) stays with admin.
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      if (actor.role === 'gatekeeper')
        return actor.compoundIds.includes(resource.compoundId) && action === 'read';
      return false;
    case 'patient':
      if (actor.role === 'gatekeeper') return actor.compoundIds.includes(resource.compoundId);
      // Dispatch reads and calls patients to arrange trips but does not edit the registry.
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'reveal_identity');
      return false;
    case 'request':
      // Gatekeepers and dispatchers both raise one-off and emergency requests; only dispatch works a whole district.
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      if (actor.role === 'gatekeeper') {
        return (
          resource.compoundId !== null &&
          actor.compoundIds.includes(resource.compoundId) &&
          action !== 'manage'
        );
      }
      return false;
    case 'self_registration':
      return actor.role === 'gatekeeper' && actor.compoundIds.includes(resource.compoundId);
    case 'zone':
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      // A gatekeeper sees the zones of their own compounds' districts, never another district's.
      return (
        actor.role === 'gatekeeper' &&
        action === 'read' &&
        actor.compoundDistrictIds.includes(resource.districtId)
      );
    case 'hospital':
      if (actor.role === 'hospital') return actor.hospitalId === resource.hospitalId && action !== 'manage';
      return action === 'read';
    case 'vehicle':
      // `manage` is the fleet record (kind, capacity, driver); a driver only reports on their own vehicle.
      if (actor.role === 'dispatcher')
        return district && (action === 'read' || action === 'write' || action === 'manage');
      if (actor.role === 'driver') return actor.vehicleId === resource.vehicleId && action !== 'manage';
      return false;
    case 'leg':
      if (actor.role === 'dispatcher') return district;
      if (actor.role === 'driver')
        return resource.vehicleId !== null && actor.vehicleId === resource.vehicleId && action !== 'manage';
      if (actor.role === 'hospital') return actor.hospitalId === resource.hospitalId && action !== 'manage';
      if (actor.role === 'gatekeeper')
        return actor.compoundIds.includes(resource.compoundId) && action !== 'manage';
      return false;
    case 'delivery':
      // Putting a parcel on a vehicle by hand (`manage`) is dispatch's, like a leg's assignment.
      if (actor.role === 'dispatcher') return district;
      if (action === 'manage') return false;
      if (actor.role === 'gatekeeper') return actor.compoundIds.includes(resource.compoundId);
      if (actor.role === 'hospital') return actor.hospitalId === resource.hospitalId;
      // Contactless: the driver works the parcel but never sees who it is for beyond the masked name.
      if (actor.role === 'driver')
        return (
          resource.vehicleId !== null &&
          actor.vehicleId === resource.vehicleId &&
          action !== 'reveal_identity'
        );
      return false;
    case 'dispatch':
      return actor.role === 'dispatcher' && district;
    case 'online_visit':
      if (actor.role === 'hospital')
        return (
          actor.hospitalId === resource.hospitalId &&
          (action === 'read' || action === 'write' || action === 'manage')
        );
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      if (actor.role === 'gatekeeper')
        return actor.compoundIds.includes(resource.compoundId) && (action === 'read' || action === 'write');
      return false;
    case 'account':
      return (
        actor.role === 'dispatcher' &&
        resource.role === 'driver' &&
        resource.districtIds.length > 0 &&
        resource.districtIds.every((id) => actor.districtIds.includes(id))
      );
    case 'accounts':
    case 'city':
      return false;
    default:
      return exhaustive(resource, 'resource');
  }
}

/**
 * Which accounts an actor may list — the listing side of `can(…, { kind: 'account' })`: every
 * account, the drivers of some districts, or none.
 */
export type AccountListScope = { all: true } | { all: false; roles: Role[]; districtIds: string[] };

export function accountListScope(actor: Actor): AccountListScope {
  if (actor.role === 'admin') return { all: true };
  if (actor.role === 'dispatcher') return { all: false, roles: ['driver'], districtIds: actor.districtIds };
  return { all: false, roles: [], districtIds: [] };
}

/**
 * Which compounds of a district an actor may list — the listing side of `can(…, { kind: 'compound' })`
 * for rosters, boards and overviews: all of them, some (a gatekeeper's own there), or none, when the
 * district answers 404 as if it did not exist.
 */
export type CompoundListScope = { all: true } | { all: false; compoundIds: string[] } | null;

export function compoundListScope(actor: Actor, districtId: string): CompoundListScope {
  if (can(actor, 'read', { kind: 'district', districtId })) return { all: true };
  if (actor.role === 'gatekeeper' && actor.compoundDistrictIds.includes(districtId)) {
    return { all: false, compoundIds: actor.compoundIds };
  }
  return null;
}
