import { resolve } from 'node:path';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../domain/auth/authenticate.ts';
import { type AppError, errors, toAppError, toProblem } from '../errors.ts';
import { logContext } from '../observability/log-context.ts';
import { parseInput } from '../validation.ts';
import { serveMetrics } from './metrics-endpoint.ts';
import { clientIp, requestId, requestLocale, tokenFromHeaders } from './request-context.ts';
import type { AnyRoute } from './route.ts';
import { serveWeb } from './static-web.ts';

export const JSON_BODY_LIMIT = '256kb';

export function createHttpApp(app: AppContext, routes: AnyRoute[]): express.Express {
  const http = express();
  http.disable('x-powered-by');
  http.set(
    'trust proxy',
    (app.config.trustProxy ?? 'loopback').split(',').map((v) => v.trim()),
  );
  http.set('query parser', 'extended');
  http.use(requestContext(app));
  http.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': [
            "'self'",
            'data:',
            'blob:',
            ...(app.config.mapTileUrl ? [new URL(app.config.mapTileUrl).origin] : []),
          ],
          // MapLibre renders in web workers created from blobs.
          'worker-src': ["'self'", 'blob:'],
          // Drivers may open the app over plain http on a local network; don't force https sub-resources.
          'upgrade-insecure-requests': null,
          'connect-src': [
            "'self'",
            'ws:',
            'wss:',
            ...(app.config.mapTileUrl ? [new URL(app.config.mapTileUrl).origin] : []),
          ],
        },
      },
    }),
  );
  http.use(requestLogger(app));
  // On the public port only with a token (METRICS_TOKEN); METRICS_PORT serves it internally instead.
  if (app.config.metricsToken) http.get('/metrics', serveMetrics(app, app.config.metricsToken));
  http.use('/api', express.json({ limit: JSON_BODY_LIMIT, strict: true }));

  for (const route of routes) {
    http[route.method](route.path, async (req: Request, res: Response) => {
      const locale = requestLocale(req);
      const actor = route.auth === 'session' ? await sessionActor(app, req, res) : null;
      if (actor?.mustChangePassword && !route.duringPasswordChange) throw errors.passwordChangeRequired();
      // A body of another type is refused; no body at all is an empty one (a step with only optional fields).
      const noBody =
        !req.headers['content-type'] &&
        !req.headers['transfer-encoding'] &&
        (req.headers['content-length'] ?? '0') === '0';
      if (
        route.body &&
        route.bodyType !== 'multipart' &&
        !noBody &&
        !req.is('application/json') &&
        req.method !== 'GET'
      ) {
        throw errors.unsupportedMediaType('application/json');
      }
      const input = {
        actor,
        locale: actor?.locale ?? locale,
        body: route.body ? parseInput(route.body, req.body ?? {}, 'body', locale) : undefined,
        query: route.query ? parseInput(route.query, req.query, 'query', locale) : undefined,
        params: route.params ? parseInput(route.params, req.params, 'params', locale) : undefined,
        app,
        req,
        res,
      };
      const result = await route.handler(input);
      if (res.headersSent) return;
      res.status(route.success.status);
      if (result === undefined) res.end();
      else res.json(result);
    });
  }

  http.use('/api', (_req, _res, next: NextFunction) => next(errors.notFound('Route')));
  serveWeb(http, app.config.webDist ?? resolve(import.meta.dirname, '../../../web/dist'));
  http.use(errorHandler(app));
  return http;
}

async function sessionActor(app: AppContext, req: Request, res: Response) {
  const token = tokenFromHeaders(req.headers.cookie, req.headers.authorization);
  if (!token) throw errors.unauthenticated();
  const actor = await authenticate({
    db: app.db,
    token,
    ip: clientIp(req),
    idleSeconds: app.config.sessionIdleSeconds,
  });
  res.locals.actorId = actor.accountId;
  return actor;
}

/** body-parser reports its failures by `type`; they are the client's fault, never a 5xx. */
function bodyParserError(error: unknown): AppError | null {
  if (!error || typeof error !== 'object' || !('type' in error)) return null;
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return errors.malformedJson();
    case 'entity.too.large':
      return errors.payloadTooLarge(JSON_BODY_LIMIT);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errors.unsupportedMediaType('application/json; charset=utf-8');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return errors.field('body', 'could not be read');
    default:
      return null;
  }
}

/** A path or query that is not valid percent-encoding (`%E0%A4%A`) fails while Express decodes it. */
function decodeError(error: unknown): AppError | null {
  return error instanceof URIError ? errors.fieldCode('params', 'text_bad_encoding') : null;
}

function errorHandler(app: AppContext): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = bodyParserError(error) ?? decodeError(error) ?? toAppError(error);
    if (appError.code === 'internal')
      app.logger.error({ err: error, path: loggedPath(req) }, 'unhandled error');
    if (
      (appError.code === 'too_many_requests' || appError.code === 'unavailable') &&
      typeof appError.extra.retryAfterSeconds === 'number'
    ) {
      res.setHeader('Retry-After', String(appError.extra.retryAfterSeconds));
    }
    if (res.headersSent) return;
    res
      .status(appError.status)
      .type('application/problem+json')
      .send(JSON.stringify(toProblem(appError, requestLocale(req), req.originalUrl.split('?')[0])));
  };
}

/**
 * Every request gets an id (the caller's `X-Request-Id` when it is a plain token, as a proxy sets it)
 * that every log line written on its behalf carries, and that the response names. While the node
 * drains, responses close their connection so keep-alive clients move to another node.
 */
function requestContext(app: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const reqId = requestId(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', reqId);
    if (app.node.draining) res.setHeader('Connection', 'close');
    logContext.run({ reqId }, next);
  };
}

/**
 * The path as a log line may keep it: the matched route with its ids, but a link's `:token` (a
 * self-registration form, a tracking link, a visit's join link — each the link's whole authority) left
 * as the placeholder. An unmatched path is not logged at all: it may be such a link, mistyped.
 */
function loggedPath(req: Request): string | undefined {
  const template: unknown = req.route?.path;
  if (typeof template !== 'string') return undefined;
  return template.replace(/:(\w+)/g, (placeholder, name: string) =>
    name === 'token' ? placeholder : String(req.params[name] ?? placeholder),
  );
}

function requestLogger(app: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      if (!req.path.startsWith('/api')) return;
      const seconds = (performance.now() - started) / 1000;
      // The route template keeps the label set small; an unmatched path is one label, not one per path.
      const route = typeof req.route?.path === 'string' ? req.route.path : 'unmatched';
      app.metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        seconds,
      );
      app.logger.info(
        {
          method: req.method,
          path: loggedPath(req),
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          actor: res.locals.actorId,
        },
        'request',
      );
    });
    next();
  };
}
