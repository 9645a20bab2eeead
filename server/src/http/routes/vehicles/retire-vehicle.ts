import { Vehicle, VehiclePathParams } from '@lastmeter/shared';
import { retireVehicle } from '../../../domain/vehicles/retire-vehicle.ts';
import { defineRoute } from '../../route.ts';

export const retireVehicleRoute = defineRoute({
  method: 'post',
  path: '/api/v1/vehicles/:vehicleId/retire',
  summary:
    'Take a vehicle out of service: off duty and without a driver; refused while it still holds legs or parcels (admin, the district’s dispatchers)',
  tags: ['vehicles'],
  auth: 'session',
  params: VehiclePathParams,
  success: { status: 200, description: 'Retired', schema: Vehicle },
  handler: ({ actor, app, params }) => retireVehicle({ db: app.db, actor, vehicleId: params.vehicleId }),
});
