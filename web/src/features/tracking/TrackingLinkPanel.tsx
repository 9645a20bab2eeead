import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { usePublicT } from '../public/messages.ts';
import { trackingLinkQuery, useCreateTrackingLink } from './api.ts';

/** The gatekeeper's (or dispatch's) tracking link for one round trip: made on demand, with its QR code. */
export function TrackingLinkPanel({ tripId }: { tripId: string }) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const link = useQuery(trackingLinkQuery(tripId));
  const create = useCreateTrackingLink(tripId);
  const missing = link.isError && link.error instanceof ApiError && link.error.status === 404;

  return (
    <div className="tracking-link" data-testid="tracking-link">
      <p className="public-note">{pt('trackLink.hint')}</p>
      {link.data ? (
        link.data.expired ? (
          <p>{pt('trackLink.expired')}</p>
        ) : (
          <>
            <p>
              <a href={link.data.url} target="_blank" rel="noreferrer" data-testid="tracking-url">
                {link.data.url}
              </a>
            </p>
            <img src={link.data.qrUrl} alt={pt('trackLink.title')} width={160} height={160} />
            <p>
              <a href={link.data.qrUrl} download={`tracking-${tripId.slice(0, 8)}.png`}>
                {pt('trackLink.qrDownload')}
              </a>
            </p>
            <p className="public-note">{pt('trackLink.views', { count: link.data.views })}</p>
          </>
        )
      ) : missing ? (
        <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
          {pt('trackLink.create')}
        </button>
      ) : link.isError ? (
        <p className="field-error">{describeError(link.error)}</p>
      ) : null}
      {create.isError ? (
        <p className="field-error" role="alert">
          {describeError(create.error)}
        </p>
      ) : null}
    </div>
  );
}
