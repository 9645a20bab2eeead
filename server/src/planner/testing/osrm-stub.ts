import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { distance } from '@turf/turf';

/**
 * A local HTTP server that answers OSRM's table service (`GET /table/v1/driving/{lng,lat;…}` with
 * optional `sources`, `destinations` and `annotations`) as OSRM does, for testing the client and the
 * server's routed travel without a routing engine: road metres are the straight line × `detour`, at
 * `kmh`. Like OSRM it refuses more coordinates than `maxTableSize` (400 `TooBig`), answers
 * `InvalidQuery` for a malformed path, and gives `null` for pairs that touch an `unreachable` point.
 */
export interface OsrmStub {
  url: string;
  /** Every table request's path and query, in order. */
  requests: string[];
  /** Road minutes the stub answers between two points (car profile). */
  minutes(from: [number, number], to: [number, number]): number;
  close(): Promise<void>;
}

export async function startOsrmStub(
  options: {
    maxTableSize?: number;
    detour?: number;
    kmh?: number;
    unreachable?: readonly [number, number][];
    /** Answer every request with this HTTP status (an engine that is down or overloaded). */
    failWith?: number;
  } = {},
): Promise<OsrmStub> {
  const maxTableSize = options.maxTableSize ?? 100;
  const detour = options.detour ?? 1.6;
  const kmh = options.kmh ?? 24;
  const unreachable = new Set((options.unreachable ?? []).map((p) => `${p[0]},${p[1]}`));
  const metres = (a: [number, number], b: [number, number]) =>
    distance(a, b, { units: 'kilometers' }) * detour * 1000;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://osrm');
    requests.push(`${url.pathname}${url.search}`);
    if (options.failWith) return send(options.failWith, { code: 'Error', message: 'unavailable' });
    const m = /^\/table\/v1\/driving\/(.+)$/.exec(url.pathname);
    if (!m) return send(400, { code: 'InvalidUrl', message: 'URL string malformed' });
    const coords = decodeURIComponent(m[1]!)
      .split(';')
      .map((c) => c.split(',').map(Number) as [number, number]);
    if (coords.some((c) => c.length !== 2 || c.some((x) => !Number.isFinite(x))))
      return send(400, { code: 'InvalidQuery', message: 'Query string malformed' });
    if (coords.length > maxTableSize)
      return send(400, { code: 'TooBig', message: 'Too many table coordinates' });
    const pick = (name: string) => {
      const v = url.searchParams.get(name);
      return v === null || v === 'all' ? coords.map((_, i) => i) : v.split(';').map(Number);
    };
    const sources = pick('sources');
    const destinations = pick('destinations');
    const cut = (a: [number, number], b: [number, number]) =>
      unreachable.has(`${a[0]},${a[1]}`) || unreachable.has(`${b[0]},${b[1]}`);
    const table = (value: (a: [number, number], b: [number, number]) => number) =>
      sources.map((s) =>
        destinations.map((d) => (cut(coords[s]!, coords[d]!) ? null : value(coords[s]!, coords[d]!))),
      );
    send(200, {
      code: 'Ok',
      durations: table((a, b) => metres(a, b) / ((kmh * 1000) / 3600)),
      distances: table(metres),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    minutes: (a, b) => metres(a, b) / ((kmh * 1000) / 60),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
