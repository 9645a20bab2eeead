import { UpdateVehicleBody, Vehicle, VehiclePathParams } from '@lastmeter/shared';
import { updateVehicle } from '../../../domain/vehicles/update-vehicle.ts';
import { defineRoute } from '../../route.ts';

export const updateVehicleRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/vehicles/:vehicleId',
  summary: "Change a vehicle's fleet record (admin, the district's dispatchers)",
  tags: ['vehicles'],
  auth: 'session',
  params: VehiclePathParams,
  body: UpdateVehicleBody,
  success: { status: 200, description: 'Updated', schema: Vehicle },
  handler: ({ actor, app, params, body }) =>
    updateVehicle({ db: app.db, actor, vehicleId: params.vehicleId, input: body }),
});
