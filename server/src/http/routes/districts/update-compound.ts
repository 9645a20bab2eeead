import { Compound, CompoundPathParams, UpdateCompoundBody } from '@lastmeter/shared';
import { updateCompound } from '../../../domain/districts/update-compound.ts';
import { defineRoute } from '../../route.ts';

export const updateCompoundRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/compounds/:compoundId',
  summary: "Rename or redraw a compound (admin, the district's dispatchers)",
  tags: ['districts'],
  auth: 'session',
  params: CompoundPathParams,
  body: UpdateCompoundBody,
  success: { status: 200, description: 'Updated', schema: Compound },
  handler: ({ actor, app, params, body }) =>
    updateCompound({ db: app.db, actor, compoundId: params.compoundId, input: body }),
});
