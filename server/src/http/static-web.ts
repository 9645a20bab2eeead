import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

const YEAR_SECONDS = 365 * 24 * 3600;
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves `file.br` or `file.gz` (written beside each asset by the web build, web/vite.config.ts) to a
 * browser that accepts it, with the original file's type: no compression work per request.
 */
function precompressed(root: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!path.startsWith(root + sep) || !isFile(path)) return next();
    const accepted = req.acceptsEncodings(ENCODINGS.map((e) => e.name));
    const encoding = ENCODINGS.find((e) => e.name === accepted && isFile(path + e.suffix));
    res.vary('Accept-Encoding');
    if (!encoding) return next();
    res.type(extname(path));
    res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(path + encoding.suffix, { maxAge: YEAR_SECONDS * 1000, immutable: true }, (error) => {
      if (error) next(error);
    });
  };
}

/**
 * The built web app: hashed files under /assets/ are immutable for a year (a new build has new names),
 * compressed with brotli or gzip; the HTML shell is revalidated on every load so a deploy shows at once.
 */
export function serveWeb(http: express.Express, dist: string): void {
  if (!existsSync(join(dist, 'index.html'))) return;
  const assets = normalize(join(dist, 'assets'));
  http.use('/assets', precompressed(assets), express.static(assets, { immutable: true, maxAge: '365d' }));
  http.use(express.static(dist, { index: false, maxAge: 0 }));
  // The web app routes on the client: every other GET outside the API gets its shell.
  http.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) =>
    res.sendFile(join(dist, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }),
  );
}
