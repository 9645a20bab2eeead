import { CreateVehicleBody, Vehicle } from '@lastmeter/shared';
import { createVehicle } from '../../../domain/vehicles/create-vehicle.ts';
import { defineRoute } from '../../route.ts';

export const createVehicleRoute = defineRoute({
  method: 'post',
  path: '/api/v1/vehicles',
  summary: "Add a vehicle to a district's fleet (admin, the district's dispatchers)",
  tags: ['vehicles'],
  auth: 'session',
  body: CreateVehicleBody,
  success: { status: 201, description: 'Created', schema: Vehicle },
  handler: ({ actor, app, body }) => createVehicle({ db: app.db, actor, input: body }),
});
