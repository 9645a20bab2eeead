import { NoticeView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { type PublicMessageKey, usePublicT } from '../public/messages.ts';

/** The text notices of one round trip and how each went, so the gate can answer the household. */
export function TripNotices({ tripId }: { tripId: string }) {
  const { describeError, formatDateTime } = useI18n();
  const pt = usePublicT();
  const list = useQuery({
    queryKey: ['notices', 'trip', tripId],
    queryFn: ({ signal }) => api.get(`/notices?tripId=${tripId}`, z.array(NoticeView), signal),
    refetchInterval: 30_000,
  });
  if (list.isError) return <p className="field-error">{describeError(list.error)}</p>;
  if (!list.data) return null;
  return (
    <section data-testid="trip-notices">
      <h4>{pt('notices.title')}</h4>
      {list.data.length === 0 ? (
        <p className="public-note">{pt('notices.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{pt('notices.kind')}</th>
              <th scope="col">{pt('notices.recipient')}</th>
              <th scope="col">{pt('notices.status')}</th>
              <th scope="col">{pt('notices.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((n) => (
              <tr key={n.id} title={n.body}>
                <td>{pt(`notices.kind.${n.kind}` as PublicMessageKey)}</td>
                <td>
                  {pt(`notices.recipient.${n.recipient}` as PublicMessageKey)} {n.phone}
                </td>
                <td>
                  {pt(`notices.status.${n.status}` as PublicMessageKey)}
                  {n.sentAt ? ` · ${formatDateTime(n.sentAt)}` : ''}
                </td>
                <td>{n.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
