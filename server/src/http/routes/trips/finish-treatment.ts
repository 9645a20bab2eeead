import { LegView, TreatmentFinishedBody, TripParams } from '@lastmeter/shared';
import { finishTreatment } from '../../../domain/trips/finish-treatment.ts';
import { defineRoute } from '../../route.ts';

export const finishTreatmentRoute = defineRoute({
  method: 'post',
  path: '/api/v1/trips/:tripId/treatment-finished',
  summary:
    'Hospital marks treatment finished / ready for return: releases the return leg (hospital); well before a fixed treatment’s planned end only with `earlyReason`',
  tags: ['trips'],
  auth: 'session',
  params: TripParams,
  body: TreatmentFinishedBody,
  success: { status: 200, description: 'The released return leg', schema: LegView },
  handler: ({ actor, app, params, body }) =>
    finishTreatment({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      tripId: params.tripId,
      input: body,
    }),
});
