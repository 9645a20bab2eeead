import { OnlineVisitJoinView, OnlineVisitTokenParams } from '@lastmeter/shared';
import { viewJoinLink } from '../../../domain/online-visits/view-join-link.ts';
import { defineRoute } from '../../route.ts';

export const viewJoinLinkRoute = defineRoute({
  method: 'get',
  path: '/api/v1/visit/:token',
  summary:
    'Public: what the join link of an online visit shows — hospital, time and whether it has started; no identity',
  tags: ['online-visits', 'public'],
  auth: 'public',
  params: OnlineVisitTokenParams,
  success: { status: 200, description: 'The visit', schema: OnlineVisitJoinView },
  async handler({ app, params, res }) {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    return viewJoinLink({ db: app.db, token: params.token });
  },
});
