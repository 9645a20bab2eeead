import type { RevealedIdentity } from '@lastmeter/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRevealIdentity } from './api.ts';

/** How long the full identity stays on screen: long enough to read it out, short enough not to linger. */
const SHOW_SECONDS = 20;

/**
 * The masked ID number and phone with a "reveal" button. Revealing is audited on the server; the full
 * values live only in this component's state and disappear after SHOW_SECONDS.
 */
export function RevealIdentity({
  patientId,
  nationalId,
  phone,
}: {
  patientId: string;
  nationalId: string;
  phone: string;
}) {
  const { t, describeError } = useI18n();
  const reveal = useRevealIdentity();
  const [shown, setShown] = useState<{ identity: RevealedIdentity; left: number } | null>(null);

  useEffect(() => {
    if (!shown) return;
    const timer = window.setTimeout(
      () => setShown(shown.left <= 1 ? null : { ...shown, left: shown.left - 1 }),
      1000,
    );
    return () => window.clearTimeout(timer);
  }, [shown]);

  if (shown) {
    return (
      <div className="identity identity-revealed">
        <span className="mono">{shown.identity.nationalId}</span>
        <span className="mono">{shown.identity.phone}</span>
        <span className="muted" aria-live="polite">
          {t('reveal.hidesIn', { seconds: shown.left })}
        </span>
        <button type="button" className="button-small" onClick={() => setShown(null)}>
          {t('reveal.hide')}
        </button>
      </div>
    );
  }
  return (
    <div className="identity">
      <span className="mono">{nationalId}</span>
      <span className="mono">{phone}</span>
      <button
        type="button"
        className="button-small"
        disabled={reveal.isPending}
        onClick={() =>
          reveal.mutate(
            { patientId },
            { onSuccess: (identity) => setShown({ identity, left: SHOW_SECONDS }) },
          )
        }
      >
        {t('reveal.action')}
      </button>
      {reveal.isError ? (
        <span className="field-error" role="alert">
          {describeError(reveal.error)}
        </span>
      ) : null}
    </div>
  );
}
