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

/**
 * `GET /api/v1/city`: what every client needs to know about the city before it shows a time. The web
 * shows every date and time on the city's clock (`shared/src/city-time.ts`), whatever the device says.
 */
export const CityInfo = z
  .object({
    timeZone: z.string().meta({
      description:
        'The city\'s IANA time zone (the server\'s `TIME_ZONE`): "today", day bounds and every displayed time follow it.',
      example: 'Asia/Shanghai',
    }),
  })
  .meta({ id: 'CityInfo' });
export type CityInfo = z.infer<typeof CityInfo>;
