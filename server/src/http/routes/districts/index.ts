import type { AnyRoute } from '../../route.ts';
import { addGateRoute } from './add-gate.ts';
import { createCompoundRoute } from './create-compound.ts';
import { createDistrictRoute } from './create-district.ts';
import { createZoneRoute } from './create-zone.ts';
import { endZoneRoute } from './end-zone.ts';
import { getCompoundRoute } from './get-compound.ts';
import { getDistrictRoute } from './get-district.ts';
import { getZoneRoute } from './get-zone.ts';
import { importZonesRoute } from './import-zones.ts';
import { listCompoundsRoute } from './list-compounds.ts';
import { listDistrictsRoute } from './list-districts.ts';
import { listGatekeepersRoute } from './list-gatekeepers.ts';
import { listZonesRoute } from './list-zones.ts';
import { setGatekeepersRoute } from './set-gatekeepers.ts';
import { updateCompoundRoute } from './update-compound.ts';
import { updateDistrictRoute } from './update-district.ts';
import { updateGateRoute } from './update-gate.ts';
import { updateZoneRoute } from './update-zone.ts';

/** Districts, their compounds with gates and gatekeepers, and zones. */
export const districtRoutes: AnyRoute[] = [
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
];
