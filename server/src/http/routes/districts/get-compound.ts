import { Compound, CompoundPathParams } from '@lastmeter/shared';
import { getCompound } from '../../../domain/districts/get-compound.ts';
import { defineRoute } from '../../route.ts';

export const getCompoundRoute = defineRoute({
  method: 'get',
  path: '/api/v1/compounds/:compoundId',
  summary: 'One compound with its gates and level',
  tags: ['districts'],
  auth: 'session',
  params: CompoundPathParams,
  success: { status: 200, description: 'The compound', schema: Compound },
  handler: ({ actor, app, params }) => getCompound({ db: app.db, actor, compoundId: params.compoundId }),
});
