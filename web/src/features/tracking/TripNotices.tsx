import { NoticeView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { NoticeTable } from '../notices/NoticeTable.tsx';
import { usePublicT } from '../public/messages.ts';

/** The text notices of one round trip and how each went, so the gate can answer the household. */
export function TripNotices({ tripId }: { tripId: string }) {
  const { describeError } = useI18n();
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
      <NoticeTable notices={list.data} showPatient={false} />
    </section>
  );
}
