import { useId, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { DispatchBoard } from '../../features/dispatch/DispatchBoard.tsx';
import { DistrictSelect, useDistrictChoice } from '../../features/dispatch/DistrictChoice.tsx';
import { todayInCity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** The dispatcher's home is the board: a district (when several are in scope) and a day. */
export function DispatcherHome() {
  const { t, describeError } = useI18n();
  const id = useId();
  const { districts, inScope, districtId, choose } = useDistrictChoice();
  const [date, setDate] = useState(todayInCity);

  return (
    <>
      <PageTitle>{t('home.dispatcher.title')}</PageTitle>
      <div className="board-header">
        <h1>{t('home.dispatcher.title')}</h1>
        <div className="board-controls">
          {inScope.length > 1 ? (
            <DistrictSelect
              id={`${id}-district`}
              className="field inline"
              districts={inScope}
              value={districtId}
              onChange={choose}
            />
          ) : inScope[0] ? (
            <p className="district-name">{inScope[0].name}</p>
          ) : null}
          <div className="field inline">
            <label htmlFor={`${id}-date`}>{t('dispatch.date')}</label>
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              onChange={(e) => e.target.value && setDate(e.target.value)}
            />
          </div>
        </div>
      </div>
      {districts.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(districts.error)}
        </p>
      ) : !districts.data ? (
        <Loading />
      ) : districtId ? (
        <DispatchBoard key={districtId} districtId={districtId} date={date} />
      ) : (
        <p className="muted">{t('scope.noDistricts')}</p>
      )}
    </>
  );
}
