import type { Compound, Hospital, LegView, Zone } from '@lastmeter/shared';
import { useT } from '../../i18n/I18nProvider.tsx';
import {
  CompoundsLayer,
  DraftZoneLayer,
  HospitalsLayer,
  SelectedLegLayer,
  type VehicleOnMap,
  VehiclesLayer,
  ZonesLayer,
} from '../../map/layers.tsx';
import { MapView } from '../../map/MapView.tsx';
import type { Selection } from './SelectionDetails.tsx';

/**
 * The district's live map. MapLibre is most of the dispatcher's script, so this module loads on its
 * own (React.lazy in DispatchBoard): the queue and figures show first, the map a moment later.
 */
export default function DispatchMap({
  bounds,
  drawing,
  draft,
  zones,
  compounds,
  hospitals,
  vehicles,
  selectedLeg,
  onSelect,
  onDraftPoint,
}: {
  bounds: [number, number, number, number];
  drawing: boolean;
  draft: [number, number][];
  zones: readonly Zone[];
  compounds: readonly Compound[];
  hospitals: readonly Hospital[];
  vehicles: readonly VehicleOnMap[];
  selectedLeg: LegView | undefined;
  onSelect: (selection: NonNullable<Selection>) => void;
  onDraftPoint: (point: [number, number]) => void;
}) {
  const t = useT();
  const select = (kind: NonNullable<Selection>['kind']) => (id: string) => {
    if (!drawing) onSelect({ kind, id });
  };
  return (
    <MapView
      bounds={bounds}
      label={t('map.label')}
      drawing={drawing}
      onClick={(lngLat) => {
        if (drawing) onDraftPoint([lngLat.lng, lngLat.lat]);
      }}
    >
      <ZonesLayer zones={zones} onSelect={select('zone')} />
      <CompoundsLayer compounds={compounds} onSelect={select('compound')} />
      <HospitalsLayer hospitals={hospitals} onSelect={select('hospital')} />
      <VehiclesLayer vehicles={vehicles} onSelect={select('vehicle')} />
      <DraftZoneLayer points={draft} />
      <SelectedLegLayer leg={selectedLeg} />
    </MapView>
  );
}
