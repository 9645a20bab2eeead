import { TrackingLinkPanel } from './TrackingLinkPanel.tsx';
import { TripNotices } from './TripNotices.tsx';

/** The opened panel of TripPeoplePanel: a chunk of its own. */
export default function TripPeopleDetails({ tripId }: { tripId: string }) {
  return (
    <>
      <TrackingLinkPanel tripId={tripId} />
      <TripNotices tripId={tripId} />
    </>
  );
}
