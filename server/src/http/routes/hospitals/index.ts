import type { AnyRoute } from '../../route.ts';
import { createHospitalRoute } from './create-hospital.ts';
import { getHospitalRoute } from './get-hospital.ts';
import { getHospitalCapacityRoute } from './get-hospital-capacity.ts';
import { getHospitalSlotsRoute } from './get-hospital-slots.ts';
import { listHospitalsRoute } from './list-hospitals.ts';
import { setHospitalSlotsRoute } from './set-hospital-slots.ts';
import { setSlotOverridesRoute } from './set-slot-overrides.ts';
import { updateHospitalRoute } from './update-hospital.ts';
import { updateHospitalStatusRoute } from './update-hospital-status.ts';

/** Hospitals: their services, status, slots and capacity. */
export const hospitalRoutes: AnyRoute[] = [
  createHospitalRoute,
  listHospitalsRoute,
  getHospitalRoute,
  updateHospitalRoute,
  updateHospitalStatusRoute,
  getHospitalSlotsRoute,
  setHospitalSlotsRoute,
  setSlotOverridesRoute,
  getHospitalCapacityRoute,
];
