import type { Map as MapLibreMap } from 'maplibre-gl';
import { Marker } from 'maplibre-gl';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useMap } from './map-context.ts';

export interface MapLabel {
  key: string;
  lng: number;
  lat: number;
  text: string;
  /** Extra CSS class, e.g. the level of a compound. */
  className?: string;
  /**
   * Which label stays when two would overlap: the higher one (an emergency over a hospital over a
   * vehicle over a compound). Ties keep the label listed first.
   */
  priority?: number;
}

interface Placed {
  element: HTMLElement;
  lngLat: [number, number];
  priority: number;
  order: number;
}

/** Every label on a map, of every layer, so overlaps are settled across layers. */
const registries = new WeakMap<MapLibreMap, { labels: Set<Placed>; scheduled: boolean }>();

function registryOf(map: MapLibreMap) {
  let registry = registries.get(map);
  if (!registry) {
    const created = { labels: new Set<Placed>(), scheduled: false };
    registry = created;
    registries.set(map, created);
    const schedule = () => scheduleDeclutter(map);
    map.on('moveend', schedule);
    map.on('resize', schedule);
  }
  return registry;
}

/** A gap kept between labels so neighbours stay readable. */
const GAP = 2;

/**
 * Hides the labels that would overlap one of higher priority at the current zoom, so names stay
 * readable at district zoom; zooming in shows them again (MapLibre's own symbol collision needs
 * glyphs, which this style does not have).
 */
function declutter(map: MapLibreMap): void {
  const registry = registries.get(map);
  if (!registry) return;
  registry.scheduled = false;
  const { width, height } = map.getContainer().getBoundingClientRect();
  const kept: { left: number; top: number; right: number; bottom: number }[] = [];
  const ordered = [...registry.labels].sort((a, b) => b.priority - a.priority || a.order - b.order);
  for (const label of ordered) {
    const at = map.project(label.lngLat);
    const w = label.element.offsetWidth;
    const h = label.element.offsetHeight;
    // Labels hang below their point (anchor "top").
    const box = { left: at.x - w / 2, top: at.y, right: at.x + w / 2, bottom: at.y + h };
    const outside = box.right < 0 || box.left > width || box.bottom < 0 || box.top > height;
    const overlaps = kept.some(
      (k) =>
        box.left < k.right + GAP &&
        box.right > k.left - GAP &&
        box.top < k.bottom + GAP &&
        box.bottom > k.top - GAP,
    );
    const show = !outside && !overlaps;
    if (show) kept.push(box);
    label.element.dataset.hidden = show ? 'false' : 'true';
  }
}

function scheduleDeclutter(map: MapLibreMap): void {
  const registry = registries.get(map);
  if (!registry || registry.scheduled) return;
  registry.scheduled = true;
  requestAnimationFrame(() => declutter(map));
}

let nextOrder = 0;

/**
 * Text on the map as HTML markers: the style has no glyphs (no font server), so names cannot be symbol
 * layers. Markers are kept by key and moved or retitled in place, and decluttered across every layer's
 * labels after each change and each move. The side panels repeat every label for screen readers, so the
 * markers themselves are hidden from them. With `onClick`, a label selects what it names.
 */
export function useMapLabels(
  labels: readonly MapLabel[],
  baseClass: string,
  onClick?: (key: string) => void,
): void {
  const map = useMap();
  const markers = useRef(new Map<string, { marker: Marker; text: HTMLSpanElement; placed: Placed }>());
  const click = useEffectEvent((key: string) => onClick?.(key));
  const clickable = onClick !== undefined;

  useEffect(() => {
    const registry = registryOf(map);
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
        if (clickable) {
          const key = label.key;
          text.addEventListener('click', (event) => {
            event.stopPropagation();
            click(key);
          });
        }
        const marker = new Marker({ element, anchor: 'top' }).setLngLat([label.lng, label.lat]).addTo(map);
        const placed: Placed = { element, lngLat: [label.lng, label.lat], priority: 0, order: nextOrder++ };
        registry.labels.add(placed);
        entry = { marker, text, placed };
        current.set(label.key, entry);
      }
      entry.marker.setLngLat([label.lng, label.lat]);
      entry.placed.lngLat = [label.lng, label.lat];
      entry.placed.priority = label.priority ?? 0;
      entry.text.className = `map-label ${baseClass} ${label.className ?? ''}${clickable ? ' clickable' : ''}`;
      entry.text.textContent = label.text;
      entry.text.dataset.key = label.key;
    }
    for (const [key, entry] of current) {
      if (!seen.has(key)) {
        entry.marker.remove();
        registry.labels.delete(entry.placed);
        current.delete(key);
      }
    }
    scheduleDeclutter(map);
  }, [map, labels, baseClass, clickable]);

  useEffect(() => {
    const current = markers.current;
    return () => {
      const registry = registries.get(map);
      for (const entry of current.values()) {
        entry.marker.remove();
        registry?.labels.delete(entry.placed);
      }
      current.clear();
    };
  }, [map]);
}
