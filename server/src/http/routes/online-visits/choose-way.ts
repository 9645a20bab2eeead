import { ChooseWayBody, RequestParams, RequestView } from '@lastmeter/shared';
import { chooseWayOfService } from '../../../domain/requests/choose-way-of-service.ts';
import { defineRoute } from '../../route.ts';

export const chooseWayRoute = defineRoute({
  method: 'put',
  path: '/api/v1/requests/:requestId/way',
  summary:
    "Choose how a request is served: trip, online visit or delivery, as its need allows (the compound's gatekeeper, the district's dispatcher, admin)",
  tags: ['requests', 'online-visits'],
  auth: 'session',
  params: RequestParams,
  body: ChooseWayBody,
  success: { status: 200, description: 'The request', schema: RequestView },
  handler: ({ actor, app, params, body }) =>
    chooseWayOfService({ db: app.db, actor, requestId: params.requestId, input: body }),
});
