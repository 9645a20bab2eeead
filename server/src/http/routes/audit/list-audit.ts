import { AuditEntry, AuditQuery } from '@lastmeter/shared';
import { z } from 'zod';
import { listAudit } from '../../../domain/audit/list-audit.ts';
import { defineRoute } from '../../route.ts';

export const listAuditRoute = defineRoute({
  method: 'get',
  path: '/api/v1/audit',
  summary: 'The audit trail of patient-data access, newest first (admin)',
  tags: ['audit'],
  auth: 'session',
  query: AuditQuery,
  success: { status: 200, description: 'Audit entries', schema: z.array(AuditEntry) },
  handler: ({ actor, app, query }) => listAudit({ db: app.db, actor, query }),
});
