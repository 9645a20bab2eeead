import type { DeliveryView, PlanDayResult } from '@lastmeter/shared';
import type { TestServer } from '../../support/test-server.ts';
import { DAY, ok, type TripWorld } from '../trips/world.ts';

export const REFILL = [
  { name: '二甲双胍缓释片', quantity: '60片', instructions: '每日两次，随餐服用' },
  { name: '苯磺酸氨氯地平片', quantity: '28片', instructions: '' },
];

/** The gatekeeper copies a paper prescription for the world's patient, to be delivered on DAY. */
export function prescribe(
  server: TestServer,
  w: TripWorld,
  extra: Record<string, unknown> = {},
  patientId = w.patient.id,
): Promise<DeliveryView> {
  return ok<DeliveryView>(server, `/api/v1/patients/${patientId}/prescriptions`, w.gatekeeper.token, {
    hospitalId: w.hospital.id,
    items: REFILL,
    date: DAY,
    ...extra,
  });
}

export function planDay(server: TestServer, w: TripWorld): Promise<PlanDayResult> {
  return ok<PlanDayResult>(server, `/api/v1/districts/${w.district.id}/plan`, w.dispatcher.token, {
    date: DAY,
    seed: 1,
    iterations: 40,
  });
}
