import type { Request } from 'express';
import type { Config } from '../config.ts';

/**
 * The absolute link to a path of this site, for links that leave the screen (a QR code printed at a
 * gate): under PUBLIC_URL when set — behind a proxy the Host header names an internal address, and a
 * client may send any Host — else the host this request came to.
 */
export function publicLink(config: Pick<Config, 'publicUrl'>, req: Request, path: string): string {
  const origin = config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  return `${origin.replace(/\/+$/, '')}${path}`;
}
