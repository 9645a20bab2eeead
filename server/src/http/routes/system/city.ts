import { CityInfo } from '@lastmeter/shared';
import { defineRoute } from '../../route.ts';

export const cityRoute = defineRoute({
  method: 'get',
  path: '/api/v1/city',
  summary: "The city's settings every client needs before it shows a time (its time zone)",
  tags: ['system'],
  auth: 'public',
  success: { status: 200, description: 'The city', schema: CityInfo },
  handler: async ({ app }) => ({ timeZone: app.config.timeZone }),
});
