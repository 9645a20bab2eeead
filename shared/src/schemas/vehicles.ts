import { z } from 'zod';
import { VEHICLE_KINDS, VEHICLE_STATUSES } from '../domain.ts';
import { clock, LngLat, recordId } from './fields.ts';
import { line } from './text.ts';

/** Vehicles and their drivers. */
export const VehiclePathParams = z.strictObject({ vehicleId: recordId('vehicle') });

// ---------------------------------------------------------------- vehicles and drivers

const vehicleFields = {
  kind: z
    .enum(VEHICLE_KINDS)
    .meta({ description: '`ambulance_120`, `volunteer` or `requisitioned` (taxi, community van)' }),
  plate: line().min(1).max(20).meta({ description: 'Licence plate, unique' }),
  callSign: line().max(40).default('').meta({ description: 'Radio call sign' }),
  seats: z.number().int().min(0).max(60).meta({ description: 'Seated places for patients and companions' }),
  wheelchairPlaces: z.number().int().min(0).max(10).default(0),
  stretchers: z.number().int().min(0).max(4).default(0),
  base: LngLat.meta({ description: 'Where the vehicle starts and ends its shift' }),
  shiftStart: clock.default('07:00'),
  shiftEnd: clock.default('19:00'),
  disinfectionMinutes: z
    .number()
    .int()
    .min(0)
    .max(240)
    .default(30)
    .meta({ description: 'Time off service after a close-contact or positive passenger' }),
  status: z.enum(VEHICLE_STATUSES).default('available'),
};

export const CreateVehicleBody = z
  .strictObject({
    districtId: z.uuid().meta({ description: 'District whose dispatch runs this vehicle' }),
    ...vehicleFields,
  })
  .meta({ id: 'CreateVehicleBody' });
export type CreateVehicleBody = z.infer<typeof CreateVehicleBody>;

export const UpdateVehicleBody = z
  .strictObject({
    districtId: z.uuid().optional().meta({ description: 'Move the vehicle to another district’s dispatch' }),
    kind: vehicleFields.kind.optional(),
    plate: vehicleFields.plate.optional(),
    callSign: line().max(40).optional(),
    seats: vehicleFields.seats.optional(),
    wheelchairPlaces: z.number().int().min(0).max(10).optional(),
    stretchers: z.number().int().min(0).max(4).optional(),
    base: LngLat.optional(),
    shiftStart: clock.optional(),
    shiftEnd: clock.optional(),
    disinfectionMinutes: z.number().int().min(0).max(240).optional(),
    status: z.enum(VEHICLE_STATUSES).optional(),
  })
  .meta({ id: 'UpdateVehicleBody' });
export type UpdateVehicleBody = z.infer<typeof UpdateVehicleBody>;

export const VehicleListQuery = z
  .strictObject({
    districtId: z.uuid().optional().meta({ description: 'Only vehicles of this district' }),
    status: z.enum(VEHICLE_STATUSES).optional(),
  })
  .meta({ id: 'VehicleListQuery' });
export type VehicleListQuery = z.infer<typeof VehicleListQuery>;

export const AssignDriverBody = z
  .strictObject({
    accountId: z
      .uuid()
      .nullable()
      .meta({ description: 'A driver account to put on this vehicle; `null` takes the current driver off' }),
  })
  .meta({ id: 'AssignDriverBody' });
export type AssignDriverBody = z.infer<typeof AssignDriverBody>;

export const Vehicle = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    kind: z.enum(VEHICLE_KINDS),
    plate: z.string(),
    callSign: z.string(),
    seats: z.number().int(),
    wheelchairPlaces: z.number().int(),
    stretchers: z.number().int(),
    base: LngLat,
    shiftStart: z.string(),
    shiftEnd: z.string(),
    disinfectionMinutes: z.number().int(),
    status: z.enum(VEHICLE_STATUSES),
    disinfectingUntil: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: 'While `disinfecting`: when the vehicle is available again' }),
    driver: z
      .object({ driverId: z.uuid(), accountId: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: 'Who drives it now' }),
    lastPosition: z
      .object({ lng: z.number(), lat: z.number(), at: z.iso.datetime({ offset: true }) })
      .nullable()
      .meta({ description: "The driver's last reported position and when; null before the first" }),
    stale: z.boolean().meta({ description: 'Silent for too long during a job: dispatch was told' }),
  })
  .meta({ id: 'Vehicle' });
export type Vehicle = z.infer<typeof Vehicle>;
