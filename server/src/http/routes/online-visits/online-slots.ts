import {
  CapacityQuery,
  cityDateOf,
  HospitalCapacity,
  HospitalDatePathParams,
  HospitalPathParams,
  HospitalSlots,
  SetHospitalSlotsBody,
  SetSlotOverridesBody,
} from '@lastmeter/shared';
import { getHospitalCapacity } from '../../../domain/hospitals/get-hospital-capacity.ts';
import { getHospitalSlots } from '../../../domain/hospitals/get-hospital-slots.ts';
import { setHospitalSlots } from '../../../domain/hospitals/set-hospital-slots.ts';
import { setSlotOverrides } from '../../../domain/hospitals/set-slot-overrides.ts';
import { defineRoute } from '../../route.ts';

// A hospital's online-visit capacity: the same template and date overrides as its on-site slots.

export const getOnlineSlotsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/online-slots',
  summary: 'The weekly online-visit capacity template, per service (department) and slot',
  tags: ['hospitals', 'online-visits'],
  auth: 'session',
  params: HospitalPathParams,
  success: { status: 200, description: 'The template', schema: HospitalSlots },
  handler: ({ actor, app, params }) =>
    getHospitalSlots({ db: app.db, actor, hospitalId: params.hospitalId, channel: 'online' }),
});

export const setOnlineSlotsRoute = defineRoute({
  method: 'put',
  path: '/api/v1/hospitals/:hospitalId/online-slots',
  summary: 'Replace the weekly online-visit template; the on-site one stays (the hospital itself, admin)',
  tags: ['hospitals', 'online-visits'],
  auth: 'session',
  params: HospitalPathParams,
  body: SetHospitalSlotsBody,
  success: { status: 200, description: 'The new template', schema: HospitalSlots },
  handler: ({ actor, app, params, body }) =>
    setHospitalSlots({ db: app.db, actor, hospitalId: params.hospitalId, input: body, channel: 'online' }),
});

export const setOnlineOverridesRoute = defineRoute({
  method: 'put',
  path: '/api/v1/hospitals/:hospitalId/online-overrides/:date',
  summary: "Replace one date's online-visit overrides (the hospital itself, admin)",
  tags: ['hospitals', 'online-visits'],
  auth: 'session',
  params: HospitalDatePathParams,
  body: SetSlotOverridesBody,
  success: { status: 200, description: "The date's online capacity", schema: HospitalCapacity },
  handler: ({ actor, app, params, body }) =>
    setSlotOverrides({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      date: params.date,
      input: body,
      timeZone: app.config.timeZone,
      channel: 'online',
    }),
});

export const getOnlineCapacityRoute = defineRoute({
  method: 'get',
  path: '/api/v1/hospitals/:hospitalId/online-capacity',
  summary: 'Online-visit capacity on a date: template plus overrides',
  tags: ['hospitals', 'online-visits'],
  auth: 'session',
  params: HospitalPathParams,
  query: CapacityQuery,
  success: { status: 200, description: 'Online capacity per service and slot', schema: HospitalCapacity },
  handler: ({ actor, app, params, query }) =>
    getHospitalCapacity({
      db: app.db,
      actor,
      hospitalId: params.hospitalId,
      date: query.date ?? cityDateOf(app.clock.now(), app.config.timeZone),
      timeZone: app.config.timeZone,
      channel: 'online',
    }),
});
