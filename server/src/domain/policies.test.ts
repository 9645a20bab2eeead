import { ROLES } from '@lastmeter/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { type Action, can, type Resource } from './policies.ts';

const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const H1 = '00000000-0000-4000-8000-0000000000a1';
const V1 = '00000000-0000-4000-8000-0000000000e1';

function actor(role: Actor['role'], scope: Partial<Actor> = {}): Actor {
  return {
    accountId: 'a',
    sessionId: 's',
    sessionExpiresAt: new Date(),
    username: role,
    displayName: role,
    role,
    locale: 'zh-CN',
    districtIds: [],
    compoundIds: [],
    compoundDistrictIds: [],
    hospitalId: null,
    vehicleId: null,
    driverId: null,
    mustChangePassword: false,
    ip: '',
    ...scope,
  };
}

const patientOfC1: Resource = { kind: 'patient', districtId: D1, compoundId: C1 };
const patientOfC2: Resource = { kind: 'patient', districtId: D2, compoundId: C2 };

describe('policies', () => {
  it('a gatekeeper reaches the patients of their own compounds only', () => {
    const gk = actor('gatekeeper', { compoundIds: [C1] });
    for (const action of ['read', 'write', 'reveal_identity', 'verify'] as const) {
      expect(can(gk, action, patientOfC1)).toBe(true);
      expect(can(gk, action, patientOfC2)).toBe(false);
    }
  });

  it('a dispatcher reads (and reveals for calling) patients of their districts but does not edit them', () => {
    const dispatcher = actor('dispatcher', { districtIds: [D1] });
    expect(can(dispatcher, 'read', patientOfC1)).toBe(true);
    expect(can(dispatcher, 'reveal_identity', patientOfC1)).toBe(true);
    expect(can(dispatcher, 'write', patientOfC1)).toBe(false);
    expect(can(dispatcher, 'read', patientOfC2)).toBe(false);
    expect(can(dispatcher, 'write', { kind: 'zone', districtId: D1 })).toBe(true);
    expect(can(dispatcher, 'write', { kind: 'zone', districtId: D2 })).toBe(false);
  });

  it('drivers and hospitals never reach the patient registry', () => {
    const driver = actor('driver', { vehicleId: V1 });
    const hospital = actor('hospital', { hospitalId: H1 });
    for (const action of ['read', 'write', 'reveal_identity', 'verify', 'manage'] as const) {
      expect(can(driver, action, patientOfC1)).toBe(false);
      expect(can(hospital, action, patientOfC1)).toBe(false);
    }
  });

  it('a driver reaches only their own vehicle, a hospital only its own hospital', () => {
    const driver = actor('driver', { vehicleId: V1 });
    expect(can(driver, 'read', { kind: 'vehicle', districtId: D1, vehicleId: V1 })).toBe(true);
    expect(can(driver, 'read', { kind: 'vehicle', districtId: D1, vehicleId: 'other' })).toBe(false);
    const hospital = actor('hospital', { hospitalId: H1 });
    expect(can(hospital, 'write', { kind: 'hospital', hospitalId: H1 })).toBe(true);
    expect(can(hospital, 'write', { kind: 'hospital', hospitalId: 'other' })).toBe(false);
  });

  it("a gatekeeper reads the zones of their compounds' districts only", () => {
    const gk = actor('gatekeeper', { compoundIds: [C1], compoundDistrictIds: [D1] });
    expect(can(gk, 'read', { kind: 'zone', districtId: D1 })).toBe(true);
    expect(can(gk, 'read', { kind: 'zone', districtId: D2 })).toBe(false);
    expect(can(gk, 'write', { kind: 'zone', districtId: D1 })).toBe(false);
  });

  it('dispatchers manage only the drivers of their districts', () => {
    const dispatcher = actor('dispatcher', { districtIds: [D1] });
    expect(can(dispatcher, 'manage', { kind: 'account', role: 'driver', districtIds: [D1] })).toBe(true);
    expect(can(dispatcher, 'manage', { kind: 'account', role: 'driver', districtIds: [D2] })).toBe(false);
    expect(can(dispatcher, 'manage', { kind: 'account', role: 'driver', districtIds: [] })).toBe(false);
    expect(can(dispatcher, 'manage', { kind: 'account', role: 'gatekeeper', districtIds: [D1] })).toBe(false);
  });

  it('only admins manage accounts', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'manage', { kind: 'accounts' })).toBe(role === 'admin');
    }
  });

  it('an actor with an empty scope is refused everything outside hospital reads (property)', () => {
    const resources = fc.constantFrom<Resource>(
      patientOfC1,
      { kind: 'compound', districtId: D1, compoundId: C1 },
      { kind: 'district', districtId: D1 },
      { kind: 'vehicle', districtId: D1, vehicleId: V1 },
      { kind: 'zone', districtId: D1 },
      { kind: 'accounts' },
    );
    const actions = fc.constantFrom<Action>('read', 'write', 'reveal_identity', 'verify', 'manage');
    const roles = fc.constantFrom('dispatcher', 'gatekeeper', 'driver', 'hospital' as const);
    fc.assert(
      fc.property(roles, actions, resources, (role, action, resource) => {
        const allowed = can(actor(role), action, resource);
        expect(allowed).toBe(false);
      }),
    );
  });
});
