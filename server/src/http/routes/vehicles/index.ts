import type { AnyRoute } from '../../route.ts';
import { assignDriverRoute } from './assign-driver.ts';
import { createVehicleRoute } from './create-vehicle.ts';
import { getVehicleRoute } from './get-vehicle.ts';
import { listVehiclesRoute } from './list-vehicles.ts';
import { retireVehicleRoute } from './retire-vehicle.ts';
import { updateVehicleRoute } from './update-vehicle.ts';

/** Vehicles and their drivers. */
export const vehicleRoutes: AnyRoute[] = [
  createVehicleRoute,
  listVehiclesRoute,
  getVehicleRoute,
  updateVehicleRoute,
  retireVehicleRoute,
  assignDriverRoute,
];
