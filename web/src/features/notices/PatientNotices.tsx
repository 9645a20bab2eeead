import { NoticeView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { usePublicT } from '../public/messages.ts';
import { NoticeTable } from './NoticeTable.tsx';

/** A household's recent text notices, so the gate can answer "did you text me about tomorrow?". */
export function PatientNotices({ patientId }: { patientId: string }) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const list = useQuery({
    queryKey: ['notices', 'patient', patientId],
    queryFn: ({ signal }) => api.get(`/notices?patientId=${patientId}&limit=20`, z.array(NoticeView), signal),
    refetchInterval: 30_000,
  });
  return (
    <section className="card" data-testid="patient-notices">
      <h2>{pt('notices.title')}</h2>
      {list.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(list.error)}
        </p>
      ) : list.data ? (
        <NoticeTable notices={list.data} showPatient={false} />
      ) : null}
    </section>
  );
}
