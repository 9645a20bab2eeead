import { LEG_STATUSES, type LegDirection, type LegStatus } from '@lastmeter/shared';
import { describe, expect, it } from 'vitest';
import { isOpenJob, type NextSteps, nextSteps } from './steps.ts';

const none: NextSteps = { primary: null, secondary: [], waitingFor: null };

/** The driver's buttons per status and direction, as the phone has always shown them. */
const expected: Record<LegDirection, Record<LegStatus, NextSteps>> = {
  outbound: {
    planned: none,
    assigned: { primary: 'accept', secondary: ['decline'], waitingFor: null },
    accepted: { primary: 'depart', secondary: ['decline'], waitingFor: null },
    en_route: { primary: 'reach_pickup', secondary: [], waitingFor: null },
    at_pickup: { primary: null, secondary: ['no_show'], waitingFor: 'gatekeeper_out' },
    on_board: { primary: 'arrive', secondary: ['refuse'], waitingFor: null },
    arrived: { primary: null, secondary: ['refuse'], waitingFor: 'hospital' },
    refused_at_gate: { primary: null, secondary: [], waitingFor: 'dispatch' },
    completed: none,
    declined: none,
    cancelled: none,
    no_show: none,
  },
  return: {
    planned: none,
    assigned: { primary: 'accept', secondary: ['decline'], waitingFor: null },
    accepted: { primary: 'depart', secondary: ['decline'], waitingFor: null },
    en_route: { primary: 'reach_pickup', secondary: [], waitingFor: null },
    at_pickup: { primary: 'board', secondary: ['no_show'], waitingFor: null },
    on_board: { primary: 'arrive', secondary: [], waitingFor: null },
    arrived: { primary: null, secondary: [], waitingFor: 'gatekeeper_back' },
    refused_at_gate: { primary: null, secondary: [], waitingFor: 'dispatch' },
    completed: none,
    declined: none,
    cancelled: none,
    no_show: none,
  },
};

describe("the driver's next steps follow the shared lifecycle", () => {
  for (const direction of ['outbound', 'return'] as const) {
    for (const status of LEG_STATUSES) {
      it(`${direction} ${status}`, () => {
        expect(nextSteps({ status, direction })).toEqual(expected[direction][status]);
      });
    }
  }

  it('keeps a leg in hand from assignment until the patient is out of the vehicle', () => {
    const open = LEG_STATUSES.filter((status) => isOpenJob({ status }));
    expect(open.sort()).toEqual(
      ['assigned', 'accepted', 'en_route', 'at_pickup', 'on_board', 'arrived', 'refused_at_gate'].sort(),
    );
  });
});
