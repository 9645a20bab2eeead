import { describe, expect, it } from 'vitest';
import { checkPlannedTimes, checkRequestsAccounted, checkState } from '../../soak/invariants.ts';
import type { LegRow, Snapshot, VehicleRow } from '../../soak/snapshot.ts';

/**
 * The soak's checker on hand-made snapshots: each invariant fires on the breach it names and stays
 * quiet on the legal neighbour (a shared ride of one class, a pickup after the disinfection, …).
 */
const T0 = Date.parse('2030-01-16T08:00:00+08:00');
const min = (m: number) => T0 + m * 60_000;

const car: VehicleRow = {
  id: 'car',
  districtId: 'd',
  kind: 'volunteer',
  seats: 3,
  wheelchairPlaces: 1,
  stretchers: 0,
  disinfectionMinutes: 20,
  status: 'available',
};

let n = 0;
function leg(overrides: Partial<LegRow>): LegRow {
  n++;
  return {
    id: `leg${n}`,
    tripId: `trip${n}`,
    requestId: `req${n}`,
    direction: 'outbound',
    status: 'assigned',
    vehicleId: 'car',
    driverId: 'driver',
    runId: 'run',
    plannedPickupAt: min(0),
    plannedDropoffAt: min(30),
    bookedFrom: min(0),
    bookedTo: min(30),
    released: true,
    patientId: `patient${n}`,
    mobility: 'walk',
    companions: 0,
    infectionClass: 'normal',
    compoundId: 'c',
    districtId: 'd',
    hospitalId: 'h',
    date: '2030-01-16',
    urgency: 'scheduled',
    boardedAt: null,
    completedAt: null,
    assignedAt: null,
    ...overrides,
  };
}

function snapshot(legs: LegRow[], vehicles: VehicleRow[] = [car], onePatient = false): Snapshot {
  return {
    at: min(0),
    legs,
    vehicles: new Map(vehicles.map((v) => [v.id, v])),
    requests: [],
    policies: new Map([['d', { onePatientPerVehicle: onePatient, disinfectAfterEveryPassenger: false }]]),
  };
}
const kinds = (s: Snapshot) => checkState(s).map((f) => f.invariant);

describe('the soak invariant checker', () => {
  it('infection classes: a shared ride of one class is fine, two classes at once are not', () => {
    expect(kinds(snapshot([leg({}), leg({ plannedPickupAt: min(10) })]))).toEqual([]);
    expect(
      kinds(snapshot([leg({}), leg({ plannedPickupAt: min(10), infectionClass: 'positive' })])),
    ).toContain('infection_separation');
    // Aboard now, whatever the schedule says.
    expect(
      kinds(
        snapshot([
          leg({ status: 'on_board', plannedPickupAt: min(100), plannedDropoffAt: min(120) }),
          leg({ status: 'arrived', infectionClass: 'close_contact' }),
        ]),
      ),
    ).toContain('infection_separation');
  });

  it('capacity: seats with companions, wheelchair places, stretchers, one patient per vehicle', () => {
    expect(kinds(snapshot([leg({ companions: 2 }), leg({ plannedPickupAt: min(5) })]))).toContain('capacity');
    expect(kinds(snapshot([leg({ companions: 1 }), leg({ plannedPickupAt: min(5) })]))).toEqual([]);
    expect(
      kinds(
        snapshot([leg({ mobility: 'wheelchair' }), leg({ mobility: 'wheelchair', plannedPickupAt: min(5) })]),
      ),
    ).toContain('capacity');
    expect(kinds(snapshot([leg({}), leg({ plannedPickupAt: min(5) })], [car], true))).toContain('capacity');
    // One after the other is no overload.
    expect(
      kinds(snapshot([leg({ companions: 2 }), leg({ plannedPickupAt: min(30), plannedDropoffAt: min(50) })])),
    ).toEqual([]);
  });

  it('vehicle kind: stretcher and emergency legs only on a 120 ambulance', () => {
    expect(kinds(snapshot([leg({ urgency: 'emergency' })]))).toContain('vehicle_kind');
    expect(kinds(snapshot([leg({ urgency: 'emergency' })], [{ ...car, kind: 'ambulance_120' }]))).toEqual([]);
    expect(kinds(snapshot([leg({ mobility: 'stretcher' })]))).toEqual(['capacity', 'vehicle_kind']);
  });

  it('disinfection: the next patient waits for it after a close contact, on the schedule and in fact', () => {
    const dirty = leg({ infectionClass: 'close_contact', bookedTo: min(50) });
    const early = leg({
      plannedPickupAt: min(40),
      plannedDropoffAt: min(60),
      bookedFrom: min(50),
      bookedTo: min(60),
    });
    expect(kinds(snapshot([dirty, early]))).toContain('disinfection_gap');
    const later = leg({
      plannedPickupAt: min(50),
      plannedDropoffAt: min(70),
      bookedFrom: min(50),
      bookedTo: min(70),
    });
    expect(kinds(snapshot([dirty, later]))).toEqual([]);
    // In fact: boarded a minute after a positive passenger left the car empty.
    const done = leg({
      status: 'completed',
      infectionClass: 'positive',
      boardedAt: min(0),
      completedAt: min(25),
    });
    const boarded = leg({
      status: 'on_board',
      boardedAt: min(26),
      plannedPickupAt: min(60),
      plannedDropoffAt: min(80),
    });
    expect(kinds(snapshot([done, boarded]))).toContain('disinfection_gap');
  });

  it('double booking: a vehicle outside its run, or a patient, twice at once', () => {
    const a = leg({});
    expect(kinds(snapshot([a, leg({ runId: 'other', vehicleId: 'car', driverId: 'd2' })]))).toContain(
      'double_booking',
    );
    expect(
      kinds(snapshot([a, leg({ vehicleId: null, driverId: null, runId: null, patientId: a.patientId })])),
    ).toContain('double_booking');
  });

  it('one patient aboard on two legs is out of lifecycle order', () => {
    expect(
      kinds(
        snapshot([
          leg({ status: 'on_board', patientId: 'p' }),
          leg({ status: 'on_board', patientId: 'p', direction: 'return' }),
        ]),
      ),
    ).toContain('lifecycle_order');
  });

  it('planned times: a leg booked by the operation never before it began', () => {
    const before = snapshot([leg({ id: 'x', status: 'planned', vehicleId: null })]);
    const after = snapshot([leg({ id: 'x', plannedPickupAt: min(-40), plannedDropoffAt: min(-10) })]);
    expect(checkPlannedTimes(before, after, min(0)).map((f) => f.invariant)).toEqual(['planned_in_past']);
    expect(checkPlannedTimes(after, after, min(0))).toEqual([]);
  });

  it('requests after a plan: served, cancelled or unserved with the plan’s reason', () => {
    const s = snapshot([leg({ id: 'l1', requestId: 'r1', status: 'planned' })]);
    s.requests = [
      {
        id: 'r1',
        districtId: 'd',
        date: '2030-01-16',
        status: 'unserved',
        urgency: 'scheduled',
        tripId: 't',
        matchReason: null,
      },
      {
        id: 'r2',
        districtId: 'd',
        date: '2030-01-16',
        status: 'open',
        urgency: 'scheduled',
        tripId: null,
        matchReason: null,
      },
      {
        id: 'r3',
        districtId: 'd',
        date: '2030-01-16',
        status: 'planned',
        urgency: 'scheduled',
        tripId: 't3',
        matchReason: null,
      },
    ];
    const plan = { districtId: 'd', date: '2030-01-16', unservedLegIds: ['l1'], unmatchedRequestIds: [] };
    expect(checkRequestsAccounted(s, plan).map((f) => f.key)).toEqual(['request|r2|open']);
    expect(checkRequestsAccounted(s, { ...plan, unservedLegIds: [] }).map((f) => f.key)).toEqual([
      'request|r1|unserved',
      'request|r2|open',
    ]);
  });
});
