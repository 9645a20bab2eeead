import { lazy, Suspense, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';

// The link, its QR code and the notices (with the public pages' own words) load with the first
// opening: the gate's phone gets its list without them on a slow line.
const TripPeopleDetails = lazy(() => import('./TripPeopleDetails.tsx'));

/**
 * What the household behind the gate gets for a round trip: the tracking link and the text notices,
 * loaded only when opened (a gate schedule lists many trips).
 */
export function TripPeoplePanel({ tripId }: { tripId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="trip-people" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('gate.trackLink')}</summary>
      {open ? (
        <Suspense fallback={<Loading />}>
          <TripPeopleDetails tripId={tripId} />
        </Suspense>
      ) : null}
    </details>
  );
}
