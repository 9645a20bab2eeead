import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from './auth.ts';

/** Who is signed in and until when, so a shared device's user can see whose session this is. */
export function SessionCard() {
  const me = useMe();
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('session.title')}</h2>
      <dl className="facts">
        <dt>{t('session.account')}</dt>
        <dd>
          {me.displayName} <span className="muted">({me.username})</span>
        </dd>
        <dt>{t('session.role')}</dt>
        <dd>{t(`role.${me.role}`)}</dd>
        <dt>{t('session.expiresAt')}</dt>
        <dd>
          <time dateTime={me.session.expiresAt}>{formatDateTime(me.session.expiresAt)}</time>
        </dd>
        <dt>{t('session.idle')}</dt>
        <dd>{t('session.idleMinutes', { minutes: Math.round(me.session.idleTimeoutSeconds / 60) })}</dd>
      </dl>
    </section>
  );
}
