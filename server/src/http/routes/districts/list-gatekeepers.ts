import { CompoundPathParams, Gatekeeper } from '@lastmeter/shared';
import { z } from 'zod';
import { listGatekeepers } from '../../../domain/districts/list-gatekeepers.ts';
import { defineRoute } from '../../route.ts';

export const listGatekeepersRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId/gatekeepers',
  summary: 'Who keeps a compound',
  tags: ['districts'],
  auth: 'session',
  params: CompoundPathParams,
  success: { status: 200, description: "The compound's gatekeepers", schema: z.array(Gatekeeper) },
  handler: ({ actor, app, params }) => listGatekeepers({ db: app.db, actor, compoundId: params.compoundId }),
});
