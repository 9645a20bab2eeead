import { Gate, GatePathParams, UpdateGateBody } from '@lastmeter/shared';
import { updateGate } from '../../../domain/districts/update-gate.ts';
import { defineRoute } from '../../route.ts';

export const updateGateRoute = defineRoute({
  method: 'patch',
  path: '/api/v1/compounds/:compoundId/gates/:gateId',
  summary: "Rename or move a gate (admin, the district's dispatchers)",
  tags: ['districts'],
  auth: 'session',
  params: GatePathParams,
  body: UpdateGateBody,
  success: { status: 200, description: 'Updated', schema: Gate },
  handler: ({ actor, app, params, body }) =>
    updateGate({ db: app.db, actor, compoundId: params.compoundId, gateId: params.gateId, input: body }),
});
