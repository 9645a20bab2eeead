import 'maplibre-gl/dist/maplibre-gl.css';
import {
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
} from 'maplibre-gl';
import { type ReactNode, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { MapContext } from './map-context.ts';
import { baseStyle } from './map-style.ts';

interface MapViewProps {
  /** Where the map opens: [west, south, east, north]. */
  bounds: LngLatBoundsLike;
  /** Names the map region for screen readers. */
  label: string;
  onClick?: ((lngLat: { lng: number; lat: number }, event: MapMouseEvent) => void) | undefined;
  /** Crosshair while the user places points. */
  drawing?: boolean;
  children?: ReactNode;
}

/**
 * A MapLibre map with our GeoJSON-only style. Children (layer hooks, markers) render only once the style
 * has loaded, so each can add its sources straight away.
 */
export function MapView({ bounds, label, onClick, drawing = false, children }: MapViewProps) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const handleClick = useEffectEvent((event: MapMouseEvent) => onClick?.(event.lngLat, event));
  const initialBounds = useRef(bounds);
  const controlLabels = useEffectEvent(() => ({
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'Map.Title': t('map.title'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.keyboardHint'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.twoFingers'),
  }));

  useEffect(() => {
    if (!container.current) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: container.current,
        style: baseStyle(),
        bounds: initialBounds.current,
        fitBoundsOptions: { padding: 24 },
        attributionControl: false,
        // MapLibre's own control labels, in the page's language.
        locale: controlLabels(),
        // Keyboard users pan and zoom with the arrow and +/− keys once the map has focus.
        keyboard: true,
      });
    } catch {
      // No WebGL (old device, disabled GPU): the side panels still carry every fact.
      setFailed(true);
      return;
    }
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.on('load', () => setMap(instance));
    instance.on('click', handleClick);
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
  }, [map, drawing]);

  return (
    <section className={drawing ? 'map-frame drawing' : 'map-frame'} aria-label={label}>
      <div ref={container} className="map-canvas" />
      {failed ? (
        <p className="alert alert-error map-failed" role="alert">
          {t('map.unavailable')}
        </p>
      ) : null}
      {map ? <MapContext value={map}>{children}</MapContext> : null}
    </section>
  );
}
