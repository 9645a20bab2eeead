import type { AnyRoute } from '../../route.ts';
import { addGateRoute } from '../geo/add-gate.ts';
import { assignDriverRoute } from '../geo/assign-driver.ts';
import { createCompoundRoute } from '../geo/create-compound.ts';
import { createDistrictRoute } from '../geo/create-district.ts';
import { createHospitalRoute } from '../geo/create-hospital.ts';
import { createVehicleRoute } from '../geo/create-vehicle.ts';
import { createZoneRoute } from '../geo/create-zone.ts';
import { endZoneRoute } from '../geo/end-zone.ts';
import { getCompoundRoute } from '../geo/get-compound.ts';
import { getCompoundOverviewRoute } from '../geo/get-compound-overview.ts';
import { getDistrictRoute } from '../geo/get-district.ts';
import { getDistrictOverviewRoute } from '../geo/get-district-overview.ts';
import { getHospitalRoute } from '../geo/get-hospital.ts';
import { getHospitalCapacityRoute } from '../geo/get-hospital-capacity.ts';
import { getHospitalSlotsRoute } from '../geo/get-hospital-slots.ts';
import { getVehicleRoute } from '../geo/get-vehicle.ts';
import { getZoneRoute } from '../geo/get-zone.ts';
import { importZonesRoute } from '../geo/import-zones.ts';
import { listCompoundsRoute } from '../geo/list-compounds.ts';
import { listDistrictsRoute } from '../geo/list-districts.ts';
import { listGatekeepersRoute } from '../geo/list-gatekeepers.ts';
import { listHospitalsRoute } from '../geo/list-hospitals.ts';
import { listVehiclesRoute } from '../geo/list-vehicles.ts';
import { listZonesRoute } from '../geo/list-zones.ts';
import { retireVehicleRoute } from '../geo/retire-vehicle.ts';
import { setGatekeepersRoute } from '../geo/set-gatekeepers.ts';
import { setHospitalSlotsRoute } from '../geo/set-hospital-slots.ts';
import { setSlotOverridesRoute } from '../geo/set-slot-overrides.ts';
import { updateCompoundRoute } from '../geo/update-compound.ts';
import { updateDistrictRoute } from '../geo/update-district.ts';
import { updateGateRoute } from '../geo/update-gate.ts';
import { updateHospitalRoute } from '../geo/update-hospital.ts';
import { updateHospitalStatusRoute } from '../geo/update-hospital-status.ts';
import { updateVehicleRoute } from '../geo/update-vehicle.ts';
import { updateZoneRoute } from '../geo/update-zone.ts';

/** Districts, compounds and gates, zones, hospitals, vehicles and drivers, the overview. */
export const geographyRoutes: AnyRoute[] = [
  createDistrictRoute,
  listDistrictsRoute,
  getDistrictRoute,
  updateDistrictRoute,
  createCompoundRoute,
  listCompoundsRoute,
  getCompoundRoute,
  updateCompoundRoute,
  addGateRoute,
  updateGateRoute,
  setGatekeepersRoute,
  listGatekeepersRoute,
  createZoneRoute,
  importZonesRoute,
  listZonesRoute,
  getZoneRoute,
  updateZoneRoute,
  endZoneRoute,
  createHospitalRoute,
  listHospitalsRoute,
  getHospitalRoute,
  updateHospitalRoute,
  updateHospitalStatusRoute,
  getHospitalSlotsRoute,
  setHospitalSlotsRoute,
  setSlotOverridesRoute,
  getHospitalCapacityRoute,
  createVehicleRoute,
  listVehiclesRoute,
  getVehicleRoute,
  updateVehicleRoute,
  retireVehicleRoute,
  assignDriverRoute,
  getDistrictOverviewRoute,
  getCompoundOverviewRoute,
];
