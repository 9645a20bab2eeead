import { z } from 'zod';
import { ROLES } from '../domain.ts';
import { line } from './text.ts';

export const LoginBody = z
  .strictObject({
    username: line().min(1).max(64).meta({ description: 'Account name, e.g. `dispatcher`' }),
    password: z.string().min(1).max(256).meta({ description: 'The account password' }),
  })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const Scope = z
  .object({
    districtIds: z.array(z.uuid()).meta({ description: 'Districts a dispatcher works in' }),
    compoundIds: z.array(z.uuid()).meta({ description: 'Compounds a gatekeeper keeps' }),
    hospitalId: z.uuid().nullable().meta({ description: 'The hospital a hospital account works for' }),
    vehicleId: z.uuid().nullable().meta({ description: 'The vehicle a driver drives' }),
  })
  .meta({ id: 'Scope' });
export type Scope = z.infer<typeof Scope>;

export const Me = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    locale: z.enum(['zh-CN', 'en']),
    scope: Scope,
    mustChangePassword: z.boolean().meta({
      description: 'The password was reset: only choosing a new one (`POST /auth/password`) is allowed',
    }),
    session: z.object({
      expiresAt: z.iso.datetime().meta({ description: 'Absolute expiry of this session' }),
      idleTimeoutSeconds: z.number().int(),
    }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const LoginResult = z
  .object({
    token: z
      .string()
      .meta({ description: 'Opaque session token; also set as the `lm_session` httpOnly cookie' }),
    me: Me,
  })
  .meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof LoginResult>;

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({
      reachable: z.boolean(),
      driver: z.enum(['postgres', 'pglite']),
      latencyMs: z.number(),
    }),
    version: z.string(),
    uptimeSeconds: z.number(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
