import { CompoundPathParams, Gate, GateInput } from '@lastmeter/shared';
import { addGate } from '../../../domain/districts/add-gate.ts';
import { defineRoute } from '../../route.ts';

export const addGateRoute = defineRoute({
  method: 'post',
  path: '/api/v1/compounds/:compoundId/gates',
  summary: "Add a gate to a compound (admin, the district's dispatchers)",
  tags: ['districts'],
  auth: 'session',
  params: CompoundPathParams,
  body: GateInput,
  success: { status: 201, description: 'Created', schema: Gate },
  handler: ({ actor, app, params, body }) =>
    addGate({ db: app.db, actor, compoundId: params.compoundId, input: body }),
});
