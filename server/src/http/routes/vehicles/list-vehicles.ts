import { Vehicle, VehicleListQuery } from '@lastmeter/shared';
import { z } from 'zod';
import { listVehicles } from '../../../domain/vehicles/list-vehicles.ts';
import { defineRoute } from '../../route.ts';

export const listVehiclesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/vehicles',
  summary: 'The fleet in your scope (driver: your own vehicle)',
  tags: ['vehicles'],
  auth: 'session',
  query: VehicleListQuery,
  success: { status: 200, description: 'Vehicles', schema: z.array(Vehicle) },
  handler: ({ actor, app, query }) => listVehicles({ db: app.db, actor, query }),
});
