import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { useEffect } from 'react';
import { useMap } from './map-context.ts';

/** A layer of the source, without the `source` key (the hook supplies it). */
export type SourceLayer = LayerSpecification extends infer L
  ? L extends { source: string }
    ? Omit<L, 'source'>
    : never
  : never;

export interface MapLayerOptions {
  /** Source id; layer ids must be unique across the map too. */
  id: string;
  data: GeoJSON.FeatureCollection;
  /** Fixed for the life of the component: changing styles means remounting. */
  layers: readonly SourceLayer[];
}

/**
 * A live GeoJSON layer in the traccar-web manner: the source and its layers are added when the
 * component mounts, new data goes through `setData` (no re-adding, so the map does not flicker on each
 * vehicle position), and everything is removed when it unmounts.
 */
export function useMapLayer({ id, data, layers }: MapLayerOptions): void {
  const map = useMap();

  // biome-ignore lint/correctness/useExhaustiveDependencies: layers are fixed at mount; data flows through setData below.
  useEffect(() => {
    map.addSource(id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const layer of layers) map.addLayer({ ...layer, source: id } as LayerSpecification);
    return () => {
      // The map itself may already be gone when the whole page unmounts.
      if (!map.style) return;
      for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      if (map.getSource(id)) map.removeSource(id);
    };
  }, [map, id]);

  useEffect(() => {
    map.getSource<GeoJSONSource>(id)?.setData(data);
  }, [map, id, data]);
}
