import { RequestListQuery, RequestView } from '@lastmeter/shared';
import { z } from 'zod';
import { listRequests } from '../../../domain/requests/list-requests.ts';
import { defineRoute } from '../../route.ts';

export const listRequestsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/requests',
  summary:
    "A day's requests by compound or district, within the caller's scope (gatekeeper, dispatcher, admin)",
  tags: ['requests'],
  auth: 'session',
  query: RequestListQuery,
  success: { status: 200, description: 'Requests, earliest window first', schema: z.array(RequestView) },
  handler: ({ actor, app, query }) => listRequests({ db: app.db, actor, query }),
});
