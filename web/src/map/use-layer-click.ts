import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { useMap } from './map-context.ts';

/** Calls back with the clicked feature's properties on one layer; the cursor shows it is clickable. */
export function useLayerClick(layerId: string, onClick: (properties: Record<string, unknown>) => void): void {
  const map = useMap();
  const handle = useEffectEvent((event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    if (feature) onClick(feature.properties);
  });
  useEffect(() => {
    const enter = () => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const leave = () => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', layerId, handle);
    map.on('mouseenter', layerId, enter);
    map.on('mouseleave', layerId, leave);
    return () => {
      map.off('click', layerId, handle);
      map.off('mouseenter', layerId, enter);
      map.off('mouseleave', layerId, leave);
    };
  }, [map, layerId]);
}
