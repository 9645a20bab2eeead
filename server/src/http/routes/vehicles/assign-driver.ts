import { AssignDriverBody, Vehicle, VehiclePathParams } from '@lastmeter/shared';
import { assignDriver } from '../../../domain/vehicles/assign-driver.ts';
import { defineRoute } from '../../route.ts';

export const assignDriverRoute = defineRoute({
  method: 'put',
  path: '/api/v1/vehicles/:vehicleId/driver',
  summary: "Put a driver account on a vehicle, or take them off (admin, the district's dispatchers)",
  tags: ['vehicles'],
  auth: 'session',
  params: VehiclePathParams,
  body: AssignDriverBody,
  success: { status: 200, description: 'The vehicle with its driver', schema: Vehicle },
  handler: ({ actor, app, params, body }) =>
    assignDriver({ db: app.db, actor, vehicleId: params.vehicleId, input: body }),
});
