import { z } from 'zod';

const check = z.object({
  ok: z.boolean().meta({ description: 'Whether this dependency is usable right now.' }),
  detail: z.string().optional().meta({ description: 'Why not, when it is not (for an operator).' }),
});

/**
 * `GET /api/ready`: whether this node should receive traffic. A load balancer routes only to ready
 * nodes; a node is never ready while it drains (SIGTERM) — docs/operations.md.
 */
export const Readiness = z
  .object({
    ready: z.boolean().meta({ description: 'Every check passes and the node is not draining.' }),
    draining: z.boolean().meta({ description: 'The node is shutting down: send no new traffic.' }),
    checks: z.object({
      database: check,
      migrations: check.extend({
        applied: z.number().int().meta({ description: 'Migrations recorded in the database.' }),
        expected: z.number().int().meta({ description: 'Migrations this build ships.' }),
      }),
      redis: check.extend({
        configured: z.boolean().meta({ description: 'REDIS_URL is set (several nodes).' }),
      }),
      outbox: check.extend({
        backlog: z
          .number()
          .int()
          .meta({ description: 'Events committed that this node has not handled yet.' }),
      }),
    }),
    sockets: z.number().int().meta({ description: 'Live Socket.IO connections on this node.' }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;
