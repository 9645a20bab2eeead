import { useId } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

interface ScopeListProps {
  title: MessageKey;
  /** Record ids from the user's scope; names come once the matching list endpoints exist. */
  ids: readonly string[];
  /** What to say when nothing is assigned yet: a real state for a new account, not an error. */
  empty: MessageKey;
}

/** One part of the signed-in user's scope (districts, compounds, hospital or vehicle). */
export function ScopeList({ title, ids, empty }: ScopeListProps) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(title)}</h2>
      {ids.length === 0 ? (
        <p className="muted">{t(empty)}</p>
      ) : (
        <>
          {ids.length > 1 ? <p className="muted">{t('scope.count', { count: ids.length })}</p> : null}
          <ul className="id-list">
            {ids.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
