import { useT } from '../i18n/I18nProvider.tsx';
import { useConnectionState } from './socket.ts';

/**
 * Tells the user whether live updates are flowing. The text, not only the colour, carries the state, and
 * the hidden label gives screen readers the context ("实时连接：离线").
 */
export function ConnectionIndicator() {
  const t = useT();
  const state = useConnectionState();
  return (
    <p className="connection" data-state={state} role="status">
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('realtime.label')}: </span>
      {t(`realtime.${state}`)}
    </p>
  );
}
