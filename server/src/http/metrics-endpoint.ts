import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../app-context.ts';
import { checkHealth } from '../domain/system/check-health.ts';
import { checkReadiness } from '../domain/system/check-readiness.ts';

/**
 * `GET /metrics` in Prometheus's text format. With a token, only a request bearing it gets the
 * figures (anyone else gets a 404, as if there were nothing there).
 */
export function serveMetrics(app: AppContext, token?: string): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return async (req: Request, res: Response) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(app.metrics.registry.contentType).send(await app.metrics.registry.metrics());
  };
}

/**
 * The internal listener (METRICS_PORT, bound to METRICS_HOST — loopback by default): `/metrics`,
 * `/api/health` and `/api/ready` for Prometheus and the orchestrator, on a port the public never
 * reaches. It stays up while the node drains, so readiness can be watched turning false.
 */
export async function startInternalServer(app: AppContext, port: number, host: string): Promise<Server> {
  const internal = express();
  internal.disable('x-powered-by');
  internal.get('/metrics', serveMetrics(app, app.config.metricsToken));
  internal.get('/api/health', async (_req, res) => {
    res.json(await checkHealth(app));
  });
  internal.get('/api/ready', async (_req, res) => {
    const readiness = await checkReadiness(app, app.node);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  const server = createServer(internal);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
