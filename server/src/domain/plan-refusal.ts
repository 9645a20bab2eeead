import { PlanReason } from '@lastmeter/shared';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Why a request of a day's plan went unserved, from the refusal of the use case that tried to serve
 * it: the planner's reason it carries (`extra.reason`), else its error code. Anything but a 4xx
 * refusal is rethrown: a day's plan reports refusals, never hides a fault.
 */
export function planRefusalReason(error: unknown): z.infer<typeof PlanReason> {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const reason = PlanReason.safeParse(error.extra.reason);
  return reason.success ? reason.data : { code: error.code, params: {} };
}
