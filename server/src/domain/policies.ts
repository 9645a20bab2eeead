import type { Actor } from './actor.ts';

/**
 * The one place that decides who may do what (PRODUCT.md "Users"). Use cases call `can`/`assertCan`
 * first, before touching data; the HTTP and socket layers never decide access themselves.
 */
export type Resource =
  | { kind: 'district'; districtId: string }
  | { kind: 'compound'; districtId: string; compoundId: string }
  | { kind: 'patient'; districtId: string; compoundId: string }
  | { kind: 'zone'; districtId: string }
  | { kind: 'hospital'; hospitalId: string }
  | { kind: 'vehicle'; districtId: string; vehicleId: string }
  | { kind: 'accounts' };

export type Action = 'read' | 'write' | 'reveal_identity' | 'verify' | 'manage';

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.role === 'admin') return true;
  const district = 'districtId' in resource && actor.districtIds.includes(resource.districtId);
  switch (resource.kind) {
    case 'district':
      return actor.role === 'dispatcher' ? district && action === 'read' : false;
    case 'compound':
      if (actor.role === 'dispatcher') return district && action === 'read';
      if (actor.role === 'gatekeeper') return actor.compoundIds.includes(resource.compoundId) && action === 'read';
      return false;
    case 'patient':
      if (actor.role === 'gatekeeper') return actor.compoundIds.includes(resource.compoundId);
      // Dispatch reads and calls patients to arrange trips but does not edit the registry.
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'reveal_identity');
      return false;
    case 'zone':
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      return actor.role === 'gatekeeper' && action === 'read';
    case 'hospital':
      if (actor.role === 'hospital') return actor.hospitalId === resource.hospitalId && action !== 'manage';
      return action === 'read';
    case 'vehicle':
      if (actor.role === 'dispatcher') return district && (action === 'read' || action === 'write');
      if (actor.role === 'driver') return actor.vehicleId === resource.vehicleId && action !== 'manage';
      return false;
    case 'accounts':
      return false;
    default:
      return exhaustive(resource);
  }
}

function exhaustive(value: never): never {
  throw new Error(`Unhandled resource ${JSON.stringify(value)}`);
}
