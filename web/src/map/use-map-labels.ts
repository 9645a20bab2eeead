import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useMap } from './map-context.ts';

export interface MapLabel {
  key: string;
  lng: number;
  lat: number;
  text: string;
  /** Extra CSS class, e.g. the level of a compound. */
  className?: string;
}

/**
 * Text on the map as HTML markers: the style has no glyphs (no font server), so names cannot be symbol
 * layers. Markers are kept by key and moved or retitled in place; the side panels repeat every label
 * for screen readers, so the markers themselves are hidden from them.
 */
export function useMapLabels(labels: readonly MapLabel[], baseClass: string): void {
  const map = useMap();
  const markers = useRef(new Map<string, { marker: Marker; text: HTMLSpanElement }>());

  useEffect(() => {
    const current = markers.current;
    const seen = new Set<string>();
    for (const label of labels) {
      seen.add(label.key);
      let entry = current.get(label.key);
      if (!entry) {
        // maplibre owns the outer element's classes (positioning); ours go on the inner one.
        const element = document.createElement('div');
        element.setAttribute('aria-hidden', 'true');
        const text = document.createElement('span');
        element.append(text);
        const marker = new Marker({ element, anchor: 'top' }).setLngLat([label.lng, label.lat]).addTo(map);
        entry = { marker, text };
        current.set(label.key, entry);
      }
      entry.marker.setLngLat([label.lng, label.lat]);
      entry.text.className = `map-label ${baseClass} ${label.className ?? ''}`;
      entry.text.textContent = label.text;
    }
    for (const [key, entry] of current) {
      if (!seen.has(key)) {
        entry.marker.remove();
        current.delete(key);
      }
    }
  }, [map, labels, baseClass]);

  useEffect(() => {
    const current = markers.current;
    return () => {
      for (const entry of current.values()) entry.marker.remove();
      current.clear();
    };
  }, []);
}
