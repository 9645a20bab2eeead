import { Compound, CompoundListQuery, DistrictPathParams } from '@lastmeter/shared';
import { z } from 'zod';
import { listCompounds } from '../../../domain/districts/list-compounds.ts';
import { defineRoute } from '../../route.ts';

export const listCompoundsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts/:districtId/compounds',
  summary: "A district's compounds (gatekeepers: their own only)",
  tags: ['districts'],
  auth: 'session',
  params: DistrictPathParams,
  query: CompoundListQuery,
  success: { status: 200, description: 'Compounds', schema: z.array(Compound) },
  handler: ({ actor, app, params, query }) =>
    listCompounds({ db: app.db, actor, districtId: params.districtId, query }),
});
