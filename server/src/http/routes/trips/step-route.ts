import { LegParams, LegStepBody, LegView } from '@lastmeter/shared';
import { type PlainStep, takeLegStep } from '../../../domain/trips/take-leg-step.ts';
import { defineRoute } from '../../route.ts';

/** The plain lifecycle steps share one shape: POST a position and the version seen, get the leg back. */
export function stepRoute(step: PlainStep, path: string, summary: string) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/legs/:legId/${path}`,
    summary,
    tags: ['trips'],
    auth: 'session',
    params: LegParams,
    body: LegStepBody,
    success: { status: 200, description: 'The leg after the step', schema: LegView },
    handler: ({ actor, app, params, body }) =>
      takeLegStep({
        db: app.db,
        now: app.clock.now(),
        timeZone: app.config.timeZone,
        actor,
        legId: params.legId,
        step,
        input: body,
      }),
  });
}
