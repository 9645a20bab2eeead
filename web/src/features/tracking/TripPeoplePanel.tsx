import { usePublicT } from '../public/messages.ts';
import { TrackingLinkPanel } from './TrackingLinkPanel.tsx';

/** What the household behind the gate gets for a round trip: the tracking link (opened on demand). */
export function TripPeoplePanel({ tripId }: { tripId: string }) {
  const pt = usePublicT();
  return (
    <details className="trip-people">
      <summary>{pt('trackLink.title')}</summary>
      <TrackingLinkPanel tripId={tripId} />
    </details>
  );
}
