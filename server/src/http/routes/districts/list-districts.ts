import { District } from '@lastmeter/shared';
import { z } from 'zod';
import { listDistricts } from '../../../domain/districts/list-districts.ts';
import { defineRoute } from '../../route.ts';

export const listDistrictsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/districts',
  summary: 'Districts in your scope (admin: all; dispatcher: own; gatekeeper: those of your compounds)',
  tags: ['districts'],
  auth: 'session',
  success: { status: 200, description: 'Districts', schema: z.array(District) },
  handler: ({ actor, app }) => listDistricts({ db: app.db, actor }),
});
