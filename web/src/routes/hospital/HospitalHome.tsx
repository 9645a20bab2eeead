import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useMe } from '../../features/auth/auth.ts';
import { OnlineVisitsBoard } from '../../features/care/OnlineVisitsBoard.tsx';
import { ArrivalsBoard } from '../../features/hospital/ArrivalsBoard.tsx';
import { CapacityEditor } from '../../features/hospital/CapacityEditor.tsx';
import { HospitalStatusCard } from '../../features/hospital/HospitalStatusCard.tsx';
import { hospitalQuery } from '../../features/hospital/queries.ts';
import { ReturnPickups } from '../../features/hospital/ReturnPickups.tsx';
import { todayInCity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** The hospital's desk: today's arrivals first, then its status and capacity. */
export function HospitalHome() {
  const { t, describeError } = useI18n();
  const { hospitalId } = useMe().scope;
  const [capacityDate, setCapacityDate] = useState(todayInCity);
  const hospital = useQuery({ ...hospitalQuery(hospitalId ?? ''), enabled: hospitalId !== null });
  const today = todayInCity();

  return (
    <>
      <PageTitle>{t('home.hospital.title')}</PageTitle>
      <h1>{t('home.hospital.title')}</h1>
      <p className="lead">{t('home.hospital.description')}</p>
      {!hospitalId ? (
        <p className="muted">{t('scope.noHospital')}</p>
      ) : (
        <div className="hospital-layout">
          <ArrivalsBoard hospitalId={hospitalId} date={today} />
          <ReturnPickups hospitalId={hospitalId} date={today} />
          <OnlineVisitsBoard hospitalId={hospitalId} date={today} />
          {hospital.isError ? (
            <p className="alert alert-error" role="alert">
              {describeError(hospital.error)}
            </p>
          ) : hospital.data ? (
            <HospitalStatusCard hospital={hospital.data} />
          ) : (
            <Loading />
          )}
          <CapacityEditor hospitalId={hospitalId} date={capacityDate} onDateChange={setCapacityDate} />
          <CapacityEditor
            hospitalId={hospitalId}
            date={capacityDate}
            onDateChange={setCapacityDate}
            channel="online"
          />
        </div>
      )}
    </>
  );
}
