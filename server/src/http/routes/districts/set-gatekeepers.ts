import { CompoundPathParams, Gatekeeper, SetGatekeepersBody } from '@lastmeter/shared';
import { z } from 'zod';
import { setGatekeepers } from '../../../domain/districts/set-gatekeepers.ts';
import { defineRoute } from '../../route.ts';

export const setGatekeepersRoute = defineRoute({
  method: 'put',
  path: '/api/v1/compounds/:compoundId/gatekeepers',
  summary: 'Replace the gatekeepers of a compound (admin)',
  tags: ['districts'],
  auth: 'session',
  params: CompoundPathParams,
  body: SetGatekeepersBody,
  success: { status: 200, description: "The compound's gatekeepers", schema: z.array(Gatekeeper) },
  handler: ({ actor, app, params, body }) =>
    setGatekeepers({ db: app.db, actor, compoundId: params.compoundId, input: body }),
});
