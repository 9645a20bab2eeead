import { BOOKED_LEG_STATUSES, type LegView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { boundsOf } from '../../map/geometry.ts';
import type { VehicleOnMap } from '../../map/layers.tsx';
import { EmergencyBanner } from '../emergency/EmergencyBanner.tsx';
import { RaiseEmergency } from '../emergency/RaiseEmergency.tsx';
import { AssignLeg } from './AssignLeg.tsx';
import { DayDeliveries } from './DayDeliveries.tsx';
import { IncidentList } from './IncidentList.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { MapLegend } from './MapLegend.tsx';
import { PlanDay } from './PlanDay.tsx';
import {
  compoundsQuery,
  districtDeliveriesQuery,
  districtLegsQuery,
  hospitalsQuery,
  incidentsQuery,
  overviewQuery,
  requestsQuery,
  vehiclesQuery,
  zonesQuery,
} from './queries.ts';
import { RequestQueue } from './RequestQueue.tsx';
import { type Selection, SelectionDetails } from './SelectionDetails.tsx';
import { useDispatchLive } from './use-dispatch-live.ts';
import { useLivePositions } from './use-live-vehicles.ts';
import { VehicleTimeline } from './VehicleTimeline.tsx';
import { ZoneEditor } from './ZoneEditor.tsx';

const DispatchMap = lazy(() => import('./DispatchMap.tsx'));

const TABS = ['queue', 'plan', 'timeline', 'deliveries', 'zones'] as const;
/** A leg whose vehicle is booked for it or on the way with it. */
const UNDER_WAY: ReadonlySet<LegView['status']> = new Set(BOOKED_LEG_STATUSES);
type Tab = (typeof TABS)[number];

/** The dispatcher's board for one district and day: the live map and the panels that act on it. */
export function DispatchBoard({ districtId, date }: { districtId: string; date: string }) {
  const { t, describeError } = useI18n();
  const tabsId = useId();
  const [tab, setTab] = useState<Tab>('queue');
  const [selection, setSelection] = useState<Selection>(null);
  const [assigning, setAssigning] = useState<LegView | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [draft, setDraft] = useState<[number, number][]>([]);

  useDispatchLive(districtId);
  const positions = useLivePositions(districtId);
  const compounds = useQuery(compoundsQuery(districtId));
  const zones = useQuery(zonesQuery(districtId));
  const hospitals = useQuery(hospitalsQuery);
  const vehicles = useQuery(vehiclesQuery(districtId));
  const overview = useQuery(overviewQuery(districtId, date));
  const requests = useQuery(requestsQuery(districtId, date));
  const incidents = useQuery(incidentsQuery(districtId));
  const dayLegs = useQuery(districtLegsQuery(districtId, date));
  const dayDeliveries = useQuery(districtDeliveriesQuery(districtId, date));
  // The panels work on live legs; declined and cancelled ones stay out of them as before.
  const legs = useMemo(
    () => (dayLegs.data ?? []).filter((l) => l.status !== 'cancelled' && l.status !== 'declined'),
    [dayLegs.data],
  );
  const legsById = useMemo(() => new Map(legs.map((l) => [l.id, l])), [legs]);
  const legsError = dayLegs.error ?? undefined;

  // Vehicles carrying or on their way to an emergency: red on the map, wherever the request came from.
  const onEmergency = useMemo(
    () =>
      new Set(
        legs.flatMap((l) =>
          l.urgency === 'emergency' && l.vehicle && UNDER_WAY.has(l.status) ? [l.vehicle.id] : [],
        ),
      ),
    [legs],
  );
  const vehiclesOnMap = useMemo(
    (): VehicleOnMap[] =>
      (vehicles.data ?? []).map((vehicle) => {
        const live = positions.get(vehicle.id);
        const emergency = onEmergency.has(vehicle.id);
        return live
          ? {
              vehicle,
              lng: live.lng,
              lat: live.lat,
              live: true,
              stale: live.stale,
              emergency,
              trail: live.trail,
            }
          : {
              vehicle,
              lng: vehicle.base.lng,
              lat: vehicle.base.lat,
              live: false,
              stale: false,
              emergency,
              trail: [],
            };
      }),
    [vehicles.data, positions, onEmergency],
  );

  const bounds = useMemo(() => boundsOf((compounds.data ?? []).map((c) => c.boundary)), [compounds.data]);
  const failed = [compounds, zones, hospitals, vehicles].find((q) => q.isError);
  if (failed) {
    return (
      <p className="alert alert-error" role="alert">
        {describeError(failed.error)}
      </p>
    );
  }
  if (!compounds.data || !zones.data || !hospitals.data || !vehicles.data || !bounds) return <Loading />;

  const selectLeg = (leg: LegView) => {
    setAssigning(leg);
    setTab('queue');
  };

  return (
    <div className="dispatch-board">
      <EmergencyBanner
        districtId={districtId}
        compounds={compounds.data}
        onShow={(requestId) => {
          setTab('queue');
          // The queue renders on the next frame; then bring the request into view.
          requestAnimationFrame(() =>
            document.querySelector(`[data-request-id="${requestId}"]`)?.scrollIntoView({ block: 'center' }),
          );
        }}
      />
      <div className="dispatch-console">
        <div className="dispatch-map">
          <Suspense fallback={<Loading />}>
            <DispatchMap
              bounds={bounds}
              drawing={drawing}
              draft={draft}
              zones={zones.data}
              compounds={compounds.data}
              hospitals={hospitals.data}
              vehicles={vehiclesOnMap}
              selectedLeg={selection?.kind === 'leg' ? legsById.get(selection.id) : undefined}
              onSelect={setSelection}
              onDraftPoint={(point) => setDraft((points) => [...points, point])}
            />
          </Suspense>
          <MapLegend />
        </div>
        <div className="dispatch-panel">
          {overview.data && requests.data ? (
            <KeyFigures
              overview={overview.data}
              legs={legs}
              requests={requests.data}
              vehicles={vehicles.data}
              deliveries={dayDeliveries.data ?? []}
            />
          ) : overview.isError || requests.isError ? (
            <p className="alert alert-error" role="alert">
              {describeError(overview.error ?? requests.error)}
            </p>
          ) : (
            <Loading />
          )}
          <SelectionDetails
            selection={selection}
            compounds={compounds.data}
            hospitals={hospitals.data}
            vehicles={vehicles.data}
            zones={zones.data}
            overview={overview.data}
            positions={positions}
            legs={legs}
            legsById={legsById}
            onSelectLeg={(id) => setSelection({ kind: 'leg', id })}
            onClose={() => setSelection(null)}
          />
          <div role="tablist" aria-label={t('dispatch.panels')} className="tabs">
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`${tabsId}-${name}`}
                aria-selected={tab === name}
                aria-controls={`${tabsId}-${name}-panel`}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setTab(name)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = TABS[(TABS.indexOf(name) + step + TABS.length) % TABS.length] ?? name;
                  setTab(next);
                  document.getElementById(`${tabsId}-${next}`)?.focus();
                }}
              >
                {t(`dispatch.tab.${name}`)}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`${tabsId}-${tab}-panel`}
            aria-labelledby={`${tabsId}-${tab}`}
            className="tab-panel"
          >
            {legsError ? (
              <p className="alert alert-error" role="alert">
                {describeError(legsError)}
              </p>
            ) : null}
            {tab === 'queue' ? (
              <>
                <RaiseEmergency compounds={compounds.data} />
                {assigning ? (
                  <AssignLeg
                    key={assigning.id}
                    leg={legsById.get(assigning.id) ?? assigning}
                    vehicles={vehicles.data}
                    legs={legs}
                    districtId={districtId}
                    onDone={() => setAssigning(null)}
                  />
                ) : null}
                {incidents.data ? (
                  <IncidentList
                    incidents={incidents.data}
                    hospitals={hospitals.data}
                    vehicles={vehicles.data}
                    legsById={legsById}
                    districtId={districtId}
                    onShowLeg={(id) => setSelection({ kind: 'leg', id })}
                  />
                ) : incidents.isError ? (
                  <p className="alert alert-error" role="alert">
                    {describeError(incidents.error)}
                  </p>
                ) : (
                  <Loading />
                )}
                {requests.data ? (
                  <RequestQueue
                    districtId={districtId}
                    requests={requests.data}
                    legs={legs}
                    compounds={compounds.data}
                    onAssign={setAssigning}
                  />
                ) : (
                  <Loading />
                )}
              </>
            ) : null}
            {tab === 'plan' ? (
              <PlanDay districtId={districtId} date={date} legsById={legsById} vehicles={vehicles.data} />
            ) : null}
            {tab === 'timeline' ? (
              <VehicleTimeline date={date} vehicles={vehicles.data} legs={legs} onSelectLeg={selectLeg} />
            ) : null}
            {tab === 'deliveries' ? (
              dayDeliveries.data ? (
                <DayDeliveries
                  deliveries={dayDeliveries.data}
                  vehicles={vehicles.data}
                  legs={legs}
                  districtId={districtId}
                />
              ) : dayDeliveries.isError ? (
                <p className="alert alert-error" role="alert">
                  {describeError(dayDeliveries.error)}
                </p>
              ) : (
                <Loading />
              )
            ) : null}
            {tab === 'zones' ? (
              <ZoneEditor
                districtId={districtId}
                zones={zones.data}
                points={draft}
                drawing={drawing}
                onDrawingChange={setDrawing}
                onPointsChange={setDraft}
              />
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}
