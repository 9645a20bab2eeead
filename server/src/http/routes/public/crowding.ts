import { CrowdingBoard, CrowdingGeoJson } from '@lastmeter/shared';
import type { Request, Response } from 'express';
import type { AppContext } from '../../../app-context.ts';
import { crowdingGeoJson, getCrowdingBoard } from '../../../domain/public/crowding-board.ts';
import { clientIp } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';

/**
 * Any site's map may read the feed: CORS for every origin (no credentials), and a resource policy
 * that lets other origins load it, both set before the rate limit so a throttled page still reads
 * its 429. Shared caches may keep the board briefly; ETag lets pollers revalidate for a 304.
 */
function publicCache(app: AppContext, req: Request, res: Response) {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Expose-Headers', 'ETag, Retry-After');
  res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  app.limits.crowdingPerIp.hit(clientIp(req));
  res.set('Cache-Control', 'public, max-age=10');
}

export const crowdingBoardRoute = defineRoute({
  method: 'get',
  path: '/api/v1/public/crowding',
  summary:
    "Public: every hospital's emergency crowding level, open/diverting, positive intake (120/min per IP)",
  tags: ['public'],
  auth: 'public',
  success: { status: 200, description: 'The board', schema: CrowdingBoard },
  async handler({ app, req, res }) {
    publicCache(app, req, res);
    return getCrowdingBoard({ db: app.db });
  },
});

export const crowdingGeoJsonRoute = defineRoute({
  method: 'get',
  path: '/api/v1/public/crowding.geojson',
  summary: 'Public: the crowding board as GeoJSON points for map apps (120/min per IP)',
  tags: ['public'],
  auth: 'public',
  success: {
    status: 200,
    description: 'FeatureCollection',
    schema: CrowdingGeoJson,
    contentType: 'application/geo+json',
  },
  async handler({ app, req, res }) {
    publicCache(app, req, res);
    const body = crowdingGeoJson(await getCrowdingBoard({ db: app.db }));
    res.status(200).type('application/geo+json').send(JSON.stringify(body));
  },
});
