import { useState } from 'react';
import { usePublicT } from '../public/messages.ts';
import { TrackingLinkPanel } from './TrackingLinkPanel.tsx';
import { TripNotices } from './TripNotices.tsx';

/**
 * What the household behind the gate gets for a round trip: the tracking link and the text notices,
 * loaded only when opened (a gate schedule lists many trips).
 */
export function TripPeoplePanel({ tripId }: { tripId: string }) {
  const pt = usePublicT();
  const [open, setOpen] = useState(false);
  return (
    <details className="trip-people" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{pt('trackLink.title')}</summary>
      {open ? (
        <>
          <TrackingLinkPanel tripId={tripId} />
          <TripNotices tripId={tripId} />
        </>
      ) : null}
    </details>
  );
}
