import { LegDetailView, LegParams } from '@lastmeter/shared';
import { getLeg } from '../../../domain/trips/get-leg.ts';
import { defineRoute } from '../../route.ts';

export const getLegRoute = defineRoute({
  method: 'get',
  path: '/api/v1/legs/:legId',
  summary: 'One leg with its history: who, when, where (every party whose scope it touches)',
  tags: ['trips'],
  auth: 'session',
  params: LegParams,
  success: { status: 200, description: 'The leg', schema: LegDetailView },
  handler: ({ actor, app, params }) => getLeg({ db: app.db, actor, legId: params.legId }),
});
