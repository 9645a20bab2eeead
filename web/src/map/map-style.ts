import type { StyleSpecification } from 'maplibre-gl';

/**
 * A raster tile template (`https://…/{z}/{x}/{y}.png`) chosen at build time. The server's MAP_TILE_URL
 * only opens its CSP to that origin; with no endpoint that publishes it, the web reads the same URL here.
 */
const TILE_URL: string | undefined = import.meta.env.VITE_MAP_TILE_URL || undefined;

/**
 * The map's own style: a plain background and, only when configured, one raster tile source. No glyphs
 * and no sprite, so the map draws with no tile server and no network beyond our own API; every label is
 * an HTML marker instead of a text symbol layer.
 */
export function baseStyle(tileUrl: string | undefined = TILE_URL): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { basemap: { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 19 } } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } },
      ...(tileUrl ? [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }] : []),
    ],
  };
}
