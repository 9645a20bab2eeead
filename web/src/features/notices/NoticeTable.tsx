import type { NoticeView } from '@lastmeter/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type PublicMessageKey, usePublicT } from '../public/messages.ts';

/**
 * Text notices with how each went, every attempt listed under it: the gate can tell a household what
 * was sent and when, dispatch can see a provider failing. Numbers arrive masked from the server.
 */
export function NoticeTable({ notices, showPatient }: { notices: NoticeView[]; showPatient: boolean }) {
  const { formatDateTime } = useI18n();
  const pt = usePublicT();
  if (notices.length === 0) return <p className="public-note">{pt('notices.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table notice-table">
        <thead>
          <tr>
            {showPatient ? <th scope="col">{pt('notices.patient')}</th> : null}
            <th scope="col">{pt('notices.kind')}</th>
            <th scope="col">{pt('notices.recipient')}</th>
            <th scope="col">{pt('notices.status')}</th>
            <th scope="col">{pt('notices.history')}</th>
          </tr>
        </thead>
        <tbody>
          {notices.map((n) => (
            <tr key={n.id} data-notice-kind={n.kind} data-notice-status={n.status}>
              {showPatient ? <td>{n.patient}</td> : null}
              <td title={n.body}>
                {pt(`notices.kind.${n.kind}` as PublicMessageKey)}
                <br />
                <small className="muted">{formatDateTime(n.createdAt)}</small>
              </td>
              <td>
                {pt(`notices.recipient.${n.recipient}` as PublicMessageKey)} {n.phone}
              </td>
              <td>
                {n.status === 'skipped' && isSkipReason(n.lastError)
                  ? pt(`notices.skip.${n.lastError}`)
                  : pt(`notices.status.${n.status}` as PublicMessageKey)}
                {n.sentAt ? ` · ${formatDateTime(n.sentAt)}` : ''}
                {n.nextAttemptAt && n.attempts > 0 ? (
                  <>
                    <br />
                    <small className="muted">
                      {pt('notices.next', { time: formatDateTime(n.nextAttemptAt) })}
                    </small>
                  </>
                ) : null}
              </td>
              <td>
                {n.history.length === 0 ? (
                  '—'
                ) : (
                  <ol className="notice-history">
                    {n.history.map((a) => (
                      <li key={`${a.at}-${a.outcome}`}>
                        {formatDateTime(a.at)} {pt(`notices.outcome.${a.outcome}` as PublicMessageKey)}
                        {a.outcome !== 'sent' && a.detail ? ` (${a.detail})` : ''}
                      </li>
                    ))}
                  </ol>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why a notice was not sent (`enqueueNotices`, the notice worker). */
const SKIP_REASONS = ['opted_out', 'no_consent', 'too_late'] as const;
function isSkipReason(reason: string | null): reason is (typeof SKIP_REASONS)[number] {
  return SKIP_REASONS.some((r) => r === reason);
}
