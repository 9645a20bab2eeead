import { DayQuery, DeliveryView, DistrictParams, DriverDeliveryView } from '@lastmeter/shared';
import { z } from 'zod';
import { listCompoundDeliveries } from '../../../domain/deliveries/list-compound-deliveries.ts';
import { listDistrictDeliveries } from '../../../domain/deliveries/list-district-deliveries.ts';
import { listMyDeliveries } from '../../../domain/deliveries/list-my-deliveries.ts';
import { defineRoute } from '../../route.ts';

export const listMyDeliveriesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/me/deliveries',
  summary:
    "The driver's medicine deliveries to do, in driving order: masked name, building, parcel number (driver)",
  tags: ['deliveries'],
  auth: 'session',
  success: { status: 200, description: 'Deliveries', schema: z.array(DriverDeliveryView) },
  handler: ({ actor, app }) => listMyDeliveries({ db: app.db, actor }),
});

export const listCompoundDeliveriesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/deliveries',
  summary: 'The medicines coming to a compound’s gate on a day, 送药到户 (gatekeeper, dispatch)',
  tags: ['deliveries'],
  auth: 'session',
  params: z.strictObject({ compoundId: z.uuid().meta({ description: 'The compound' }) }),
  query: DayQuery,
  success: {
    status: 200,
    description: 'Deliveries in time order at the gate',
    schema: z.array(DeliveryView),
  },
  handler: ({ actor, app, params, query }) =>
    listCompoundDeliveries({
      db: app.db,
      now: app.clock.now(),
      actor,
      compoundId: params.compoundId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});

export const listDistrictDeliveriesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId/deliveries',
  summary:
    "A district's medicine deliveries on a day: planned, under way, done, or waiting and why (dispatch)",
  tags: ['deliveries'],
  auth: 'session',
  params: DistrictParams,
  query: DayQuery,
  success: { status: 200, description: 'Deliveries in time order', schema: z.array(DeliveryView) },
  handler: ({ actor, app, params, query }) =>
    listDistrictDeliveries({
      db: app.db,
      now: app.clock.now(),
      actor,
      districtId: params.districtId,
      date: query.date,
      timeZone: app.config.timeZone,
    }),
});
