import { LegView, TripParams } from '@lastmeter/shared';
import { finishTreatment } from '../../../domain/trips/finish-treatment.ts';
import { defineRoute } from '../../route.ts';

export const finishTreatmentRoute = defineRoute({
  method: 'post',
  path: '/api/v1/trips/:tripId/treatment-finished',
  summary: 'Hospital marks treatment finished / ready for return: releases the return leg (hospital)',
  tags: ['trips'],
  auth: 'session',
  params: TripParams,
  success: { status: 200, description: 'The released return leg', schema: LegView },
  handler: ({ actor, app, params }) => finishTreatment({ db: app.db, actor, tripId: params.tripId }),
});
