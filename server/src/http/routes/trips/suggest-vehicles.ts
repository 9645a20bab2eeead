import { LegParams, VehicleSuggestion } from '@lastmeter/shared';
import { z } from 'zod';
import { suggestVehicles } from '../../../domain/trips/suggest-vehicles.ts';
import { defineRoute } from '../../route.ts';

export const suggestVehiclesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/legs/:legId/vehicle-suggestions',
  summary:
    "The district's vehicles for a leg, ranked by fit (the schedule gate's rules, duty, bookings) with their ETA to the pickup and what is in the way (dispatch)",
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  success: { status: 200, description: 'Vehicles, best fit first', schema: z.array(VehicleSuggestion) },
  handler: ({ actor, app, params }) =>
    suggestVehicles({ db: app.db, now: app.clock.now(), actor, legId: params.legId }),
});
