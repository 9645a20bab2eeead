import { NOTICE_STATUSES, type NoticeStatus, NoticeView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { DistrictSelect, useDistrictChoice } from '../dispatch/DistrictChoice.tsx';
import { type PublicMessageKey, usePublicT } from '../public/messages.ts';
import { NoticeTable } from './NoticeTable.tsx';

/** Dispatch's view of the district's text notices (`/dispatcher/notices`): what went out, what is failing. */
export function NoticesPage() {
  const { t, describeError } = useI18n();
  const pt = usePublicT();
  const id = useId();
  const { districts, inScope, districtId, choose } = useDistrictChoice();
  const [status, setStatus] = useState<NoticeStatus | ''>('');
  const search = new URLSearchParams({ ...(districtId ? { districtId } : {}), limit: '200' });
  if (status) search.set('status', status);
  const list = useQuery({
    queryKey: ['notices', 'district', districtId, status],
    queryFn: ({ signal }) => api.get(`/notices?${search}`, z.array(NoticeView), signal),
    enabled: districtId !== null,
    refetchInterval: 30_000,
  });

  return (
    <>
      <PageTitle>{pt('notices.page')}</PageTitle>
      <h1>{pt('notices.page')}</h1>
      <p className="muted">{pt('notices.pageIntro')}</p>
      <div className="filter-row">
        <DistrictSelect id={`${id}-district`} districts={inScope} value={districtId} onChange={choose} />
        <div className="field">
          <label htmlFor={`${id}-status`}>{pt('notices.filterStatus')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(NOTICE_STATUSES.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">{pt('notices.all')}</option>
            {NOTICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {pt(`notices.status.${s}` as PublicMessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {districts.isError || list.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(districts.error ?? list.error)}
        </p>
      ) : !districts.data ? (
        <Loading />
      ) : !districtId ? (
        <p className="muted">{t('scope.noDistricts')}</p>
      ) : !list.data ? (
        <Loading />
      ) : (
        <section className="card" data-testid="district-notices">
          <NoticeTable notices={list.data} showPatient />
        </section>
      )}
    </>
  );
}
