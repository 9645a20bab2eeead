import { Vehicle, VehiclePathParams } from '@lastmeter/shared';
import { getVehicle } from '../../../domain/vehicles/get-vehicle.ts';
import { defineRoute } from '../../route.ts';

export const getVehicleRoute = defineRoute({
  method: 'get',
  path: '/api/v1/vehicles/:vehicleId',
  summary: 'One vehicle with its driver',
  tags: ['vehicles'],
  auth: 'session',
  params: VehiclePathParams,
  success: { status: 200, description: 'The vehicle', schema: Vehicle },
  handler: ({ actor, app, params }) => getVehicle({ db: app.db, actor, vehicleId: params.vehicleId }),
});
