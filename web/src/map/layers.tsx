import type { Compound, Hospital, LegView, Vehicle, Zone } from '@lastmeter/shared';
import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { labelPoint } from './geometry.ts';
import { levelColorExpression } from './levels.ts';
import { useMap } from './map-context.ts';
import { useLayerClick } from './use-layer-click.ts';
import { type MapLabel, useMapLabels } from './use-map-labels.ts';
import { type SourceLayer, useMapLayer } from './use-map-layer.ts';

type Properties = Record<string, unknown>;
const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});
const point = (lng: number, lat: number, properties: Properties): GeoJSON.Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties,
});

const ZONE_LAYERS: readonly SourceLayer[] = [
  {
    id: 'zones-fill',
    type: 'fill',
    paint: { 'fill-color': levelColorExpression as never, 'fill-opacity': 0.16 },
  },
  {
    id: 'zones-line',
    type: 'line',
    paint: { 'line-color': levelColorExpression as never, 'line-width': 2.5, 'line-dasharray': [3, 2] },
  },
];

/** Lockdown zones in force, filled and dashed in their level's colour. */
export function ZonesLayer({
  zones,
  onSelect,
}: {
  zones: readonly Zone[];
  onSelect?: (zoneId: string) => void;
}) {
  const data = useMemo(
    () =>
      collection(
        zones.map((zone) => ({
          type: 'Feature',
          geometry: zone.geometry as GeoJSON.Geometry,
          properties: { id: zone.id, level: zone.level },
        })),
      ),
    [zones],
  );
  useMapLayer({ id: 'zones', data, layers: ZONE_LAYERS });
  useLayerClick('zones-fill', (p) => typeof p.id === 'string' && onSelect?.(p.id));
  return null;
}

const COMPOUND_LAYERS: readonly SourceLayer[] = [
  {
    id: 'compounds-fill',
    type: 'fill',
    paint: { 'fill-color': levelColorExpression as never, 'fill-opacity': 0.3 },
  },
  {
    id: 'compounds-line',
    type: 'line',
    paint: { 'line-color': levelColorExpression as never, 'line-width': 1.5 },
  },
];

/** Compound boundaries in their level's colour, named by HTML labels. */
export function CompoundsLayer({
  compounds,
  onSelect,
}: {
  compounds: readonly Compound[];
  onSelect?: (compoundId: string) => void;
}) {
  const t = useT();
  const data = useMemo(
    () =>
      collection(
        compounds.map((compound) => ({
          type: 'Feature',
          geometry: compound.boundary as GeoJSON.Geometry,
          properties: { id: compound.id, level: compound.level },
        })),
      ),
    [compounds],
  );
  const labels = useMemo(
    () =>
      compounds.flatMap((compound): MapLabel[] => {
        const at = labelPoint(compound.boundary);
        if (!at) return [];
        const level = compound.level === 'none' ? '' : ` · ${t(`compoundLevel.${compound.level}`)}`;
        return [
          {
            key: compound.id,
            lng: at[0],
            lat: at[1],
            text: `${compound.name}${level}`,
            className: `level-${compound.level}`,
            priority: compound.level === 'none' ? 5 : 10,
          },
        ];
      }),
    [compounds, t],
  );
  useMapLayer({ id: 'compounds', data, layers: COMPOUND_LAYERS });
  useMapLabels(labels, 'map-label-compound');
  useLayerClick('compounds-fill', (p) => typeof p.id === 'string' && onSelect?.(p.id));
  return null;
}

const HOSPITAL_LAYERS: readonly SourceLayer[] = [
  {
    id: 'hospitals-circle',
    type: 'circle',
    paint: {
      'circle-radius': 9,
      'circle-color': [
        'match',
        ['get', 'crowding'],
        'low',
        '#1b7a3a',
        'medium',
        '#8a5a00',
        'high',
        '#c25400',
        '#b3261e',
      ] as never,
      'circle-stroke-width': ['case', ['get', 'diverting'], 4, 2] as never,
      'circle-stroke-color': ['case', ['get', 'diverting'], '#1a1f24', '#ffffff'] as never,
    },
  },
];

/** Hospitals coloured by crowding, a thick dark ring when diverting. */
export function HospitalsLayer({
  hospitals,
  onSelect,
}: {
  hospitals: readonly Hospital[];
  onSelect?: (hospitalId: string) => void;
}) {
  const t = useT();
  const data = useMemo(
    () =>
      collection(
        hospitals.map((h) =>
          point(h.location.lng, h.location.lat, {
            id: h.id,
            crowding: h.crowding,
            diverting: h.status === 'diverting',
          }),
        ),
      ),
    [hospitals],
  );
  const labels = useMemo(
    () =>
      hospitals.map(
        (h): MapLabel => ({
          key: h.id,
          lng: h.location.lng,
          lat: h.location.lat,
          text: `✚ ${h.name}${h.status === 'diverting' ? ` · ${t('hospital.status.diverting')}` : ''}`,
          className: `crowding-${h.crowding}${h.status === 'diverting' ? ' diverting' : ''}`,
          priority: h.status === 'diverting' ? 35 : 30,
        }),
      ),
    [hospitals, t],
  );
  useMapLayer({ id: 'hospitals', data, layers: HOSPITAL_LAYERS });
  useMapLabels(labels, 'map-label-hospital');
  useLayerClick('hospitals-circle', (p) => typeof p.id === 'string' && onSelect?.(p.id));
  return null;
}

export interface VehicleOnMap {
  vehicle: Vehicle;
  lng: number;
  lat: number;
  /** false: no report yet, shown at its base. */
  live: boolean;
  stale: boolean;
  /** Carrying or on its way to an emergency: red on the map, labelled first. */
  emergency: boolean;
  /** Its last reported positions, oldest first: where it came from, so movement shows at district zoom. */
  trail: readonly [number, number][];
}

const STATUS_COLOR = [
  'match',
  ['get', 'status'],
  'available',
  '#0b5cad',
  'on_job',
  '#6a1b9a',
  'disinfecting',
  '#00838f',
  '#5f6b76',
] as const;

const VEHICLE_LAYERS: readonly SourceLayer[] = [
  {
    id: 'vehicles-trail',
    type: 'line',
    filter: ['==', '$type', 'LineString'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ['case', ['get', 'emergency'], '#b3261e', STATUS_COLOR] as never,
      'line-width': 3,
      'line-opacity': 0.55,
    },
  },
  {
    id: 'vehicles-halo',
    type: 'circle',
    filter: ['all', ['==', '$type', 'Point'], ['==', 'emergency', true]],
    paint: { 'circle-radius': 15, 'circle-color': '#b3261e', 'circle-opacity': 0.3 },
  },
  {
    id: 'vehicles-circle',
    type: 'circle',
    filter: ['==', '$type', 'Point'],
    paint: {
      'circle-radius': ['case', ['get', 'live'], 8, 6] as never,
      'circle-color': [
        'case',
        ['get', 'stale'],
        '#9aa4ad',
        ['get', 'emergency'],
        '#b3261e',
        STATUS_COLOR,
      ] as never,
      'circle-opacity': ['case', ['get', 'live'], 1, 0.7] as never,
      'circle-stroke-width': ['case', ['==', ['get', 'kind'], 'ambulance_120'], 3, 2] as never,
      'circle-stroke-color': [
        'case',
        ['==', ['get', 'kind'], 'ambulance_120'],
        '#b3261e',
        '#ffffff',
      ] as never,
    },
  },
];

/**
 * Vehicles where they last reported (or at their base), coloured by status, grey when silent, red on an
 * emergency; each labelled with its plate, kind and state, with a short trail of where it came from.
 */
export function VehiclesLayer({
  vehicles,
  onSelect,
}: {
  vehicles: readonly VehicleOnMap[];
  onSelect?: (vehicleId: string) => void;
}) {
  const t = useT();
  const data = useMemo(
    () =>
      collection([
        ...vehicles.flatMap((v): GeoJSON.Feature[] =>
          v.trail.length > 1
            ? [
                {
                  type: 'Feature',
                  geometry: { type: 'LineString', coordinates: [...v.trail, [v.lng, v.lat]] },
                  properties: { status: v.vehicle.status, emergency: v.emergency },
                },
              ]
            : [],
        ),
        ...vehicles.map((v) =>
          point(v.lng, v.lat, {
            id: v.vehicle.id,
            status: v.vehicle.status,
            kind: v.vehicle.kind,
            live: v.live,
            stale: v.stale,
            emergency: v.emergency,
          }),
        ),
      ]),
    [vehicles],
  );
  const labels = useMemo(
    () =>
      vehicles.map(
        (v): MapLabel => ({
          key: v.vehicle.id,
          lng: v.lng,
          lat: v.lat,
          text: `${v.vehicle.plate} · ${t(`vehicleKindShort.${v.vehicle.kind}`)} · ${
            v.emergency ? t('urgency.emergency') : t(`vehicleStatus.${v.vehicle.status}`)
          }`,
          className: `kind-${v.vehicle.kind} status-${v.vehicle.status}${v.emergency ? ' emergency' : ''}${
            v.stale ? ' stale' : ''
          }`,
          priority: v.emergency
            ? 50
            : v.vehicle.status === 'on_job'
              ? 22
              : v.vehicle.status === 'off'
                ? 8
                : 20,
        }),
      ),
    [vehicles, t],
  );
  useMapLayer({ id: 'vehicles', data, layers: VEHICLE_LAYERS });
  useMapLabels(labels, 'map-label-vehicle', onSelect);
  useLayerClick('vehicles-circle', (p) => typeof p.id === 'string' && onSelect?.(p.id));
  return null;
}

const DRAFT_LAYERS: readonly SourceLayer[] = [
  {
    id: 'draft-fill',
    type: 'fill',
    filter: ['==', '$type', 'Polygon'],
    paint: { 'fill-color': '#0b5cad', 'fill-opacity': 0.15 },
  },
  { id: 'draft-line', type: 'line', paint: { 'line-color': '#0b5cad', 'line-width': 2 } },
  {
    id: 'draft-points',
    type: 'circle',
    filter: ['==', '$type', 'Point'],
    paint: {
      'circle-radius': 5,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#0b5cad',
      'circle-stroke-width': 2,
    },
  },
];

/** The zone being drawn: its points, and the polygon they close once there are three. */
export function DraftZoneLayer({ points }: { points: readonly [number, number][] }) {
  const data = useMemo(() => {
    const features: GeoJSON.Feature[] = points.map(([lng, lat]) => point(lng, lat, {}));
    const first = points[0];
    if (points.length >= 3 && first) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...points, first]] },
        properties: {},
      });
    } else if (points.length === 2) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [...points] },
        properties: {},
      });
    }
    return collection(features);
  }, [points]);
  useMapLayer({ id: 'draft-zone', data, layers: DRAFT_LAYERS });
  return null;
}

const LEG_LAYERS: readonly SourceLayer[] = [
  {
    id: 'leg-line',
    type: 'line',
    filter: ['==', '$type', 'LineString'],
    paint: { 'line-color': '#b3261e', 'line-width': 4, 'line-dasharray': [2, 1] },
  },
  {
    id: 'leg-ends',
    type: 'circle',
    filter: ['==', '$type', 'Point'],
    paint: {
      'circle-radius': 7,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#b3261e',
      'circle-stroke-width': 3,
    },
  },
];

/** The selected trip leg: its gate and hospital joined by a red line, the map brought to it. */
export function SelectedLegLayer({ leg }: { leg: LegView | undefined }) {
  const map = useMap();
  const data = useMemo(() => {
    if (!leg) return collection([]);
    const from = leg.direction === 'outbound' ? leg.gate : leg.hospital;
    const to = leg.direction === 'outbound' ? leg.hospital : leg.gate;
    return collection([
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [from.lng, from.lat],
            [to.lng, to.lat],
          ],
        },
        properties: {},
      },
      point(from.lng, from.lat, {}),
      point(to.lng, to.lat, {}),
    ]);
  }, [leg]);
  useMapLayer({ id: 'selected-leg', data, layers: LEG_LAYERS });
  useEffect(() => {
    if (!leg) return;
    const lngs = [leg.gate.lng, leg.hospital.lng];
    const lats = [leg.gate.lat, leg.hospital.lat];
    map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      { padding: 80, maxZoom: 15, duration: 0 },
    );
  }, [map, leg]);
  return null;
}
