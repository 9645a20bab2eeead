/** The mean of a polygon's outer-ring vertices: good enough to place a compound's name inside it. */
export function labelPoint(geometry: {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}): [number, number] | null {
  const outer = (
    geometry.type === 'Polygon'
      ? geometry.coordinates[0]
      : (geometry.coordinates[0] as unknown[] | undefined)?.[0]
  ) as number[][] | undefined;
  if (!outer || outer.length === 0) return null;
  // A closed ring repeats its first vertex; counting it twice would pull the point towards it.
  const ring = outer.length > 1 ? outer.slice(0, -1) : outer;
  let lng = 0;
  let lat = 0;
  for (const [x = 0, y = 0] of ring) {
    lng += x;
    lat += y;
  }
  return [lng / ring.length, lat / ring.length];
}

/** [west, south, east, north] around every position of some geometries. */
export function boundsOf(
  geometries: readonly { coordinates: unknown[] }[],
): [number, number, number, number] | null {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      west = Math.min(west, value[0]);
      east = Math.max(east, value[0]);
      south = Math.min(south, value[1]);
      north = Math.max(north, value[1]);
      return;
    }
    for (const item of value) visit(item);
  };
  for (const geometry of geometries) visit(geometry.coordinates);
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
