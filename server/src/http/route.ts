import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../domain/actor.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Auth = 'public' | 'session';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<A extends Auth, B, Q, P> {
  actor: A extends 'session' ? Actor : null;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  locale: 'zh-CN' | 'en';
  app: AppContext;
  req: Request;
  res: Response;
}

/**
 * One HTTP route: its schemas (which also produce the OpenAPI document), who may call it, and a
 * handler that calls one use case and presents the result. Handlers stay thin (CODE_STYLE.md 2).
 */
export interface RouteDef<A extends Auth = Auth, B = unknown, Q = unknown, P = unknown> {
  method: Method;
  /** Express-style path, e.g. `/api/v1/compounds/:compoundId`. */
  path: string;
  summary: string;
  tags: string[];
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** How the request body arrives; `multipart` routes are parsed by their own middleware. */
  bodyType?: 'json' | 'multipart';
  /** Open to a session whose password was reset (`Actor.mustChangePassword`): sign-out, me, choosing a new one. */
  duringPasswordChange?: true;
  success: { status: number; description: string; schema?: Schema; contentType?: string };
  handler(input: RouteInput<A, B, Q, P>): Promise<unknown>;
}

export function defineRoute<
  A extends Auth,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(def: RouteDef<A, B, Q, P>): RouteDef<A, B, Q, P> {
  return def;
}

// Routes are stored side by side whatever their schemas; the registry only needs the common shape.
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous route list, each route typed where defined
export type AnyRoute = RouteDef<Auth, any, any, any>;
