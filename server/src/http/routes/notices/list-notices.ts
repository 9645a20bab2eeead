import { NoticeQuery, NoticeView } from '@lastmeter/shared';
import { z } from 'zod';
import { listNotices } from '../../../domain/notices/list-notices.ts';
import { defineRoute } from '../../route.ts';

export const listNoticesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/notices',
  summary:
    "Text notices and every sending attempt: a compound's (gatekeeper), a district's (dispatch) or one trip's",
  tags: ['notices'],
  auth: 'session',
  query: NoticeQuery,
  success: { status: 200, description: 'Newest first', schema: z.array(NoticeView) },
  handler: ({ actor, app, query }) => listNotices({ db: app.db, actor, query }),
});
