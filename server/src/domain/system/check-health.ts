import type { Health } from '@lastmeter/shared';
import type { AppContext } from '../../app-context.ts';

export const VERSION = '0.1.0';

export async function checkHealth(app: AppContext): Promise<Health> {
  let latencyMs = -1;
  try {
    latencyMs = await app.ping();
  } catch (error) {
    app.logger.warn({ err: error }, 'database ping failed');
  }
  const reachable = latencyMs >= 0;
  return {
    status: reachable ? 'ok' : 'degraded',
    database: { reachable, driver: app.driver, latencyMs: Math.round(latencyMs * 100) / 100 },
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - app.startedAt.getTime()) / 1000),
  };
}
