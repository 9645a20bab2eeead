import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { qrImageUrl, selfRegistrationLinkQuery } from './api.ts';

/** The compound's QR code to print and post at the gate; residents scan it to register themselves. */
export function SelfRegistrationQr({
  compoundId,
  compoundName,
}: {
  compoundId: string;
  compoundName: string;
}) {
  const t = useT();
  const headingId = useId();
  const link = useQuery(selfRegistrationLinkQuery(compoundId));
  return (
    <section className="card qr-card print-area" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('selfReg.qrTitle', { compound: compoundName })}</h2>
      <p className="print-only qr-instructions">{t('selfReg.qrPoster')}</p>
      <img
        className="qr-image"
        src={qrImageUrl(compoundId)}
        width={240}
        height={240}
        alt={t('selfReg.qrAlt', { compound: compoundName })}
      />
      {link.isPending ? (
        <Loading />
      ) : link.isError ? (
        <ErrorWithRetry error={link.error} retry={() => void link.refetch()} />
      ) : (
        <p className="qr-link">
          <a href={link.data.url}>{link.data.url}</a>
        </p>
      )}
      <p className="no-print">
        <button type="button" className="button-primary" onClick={() => window.print()}>
          {t('selfReg.print')}
        </button>
      </p>
    </section>
  );
}
