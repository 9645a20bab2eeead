import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useMe } from '../../features/auth/auth.ts';
import { DispatchBoard } from '../../features/dispatch/DispatchBoard.tsx';
import { districtsQuery } from '../../features/dispatch/queries.ts';
import { todayInCity } from '../../features/dispatch/today.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** The dispatcher's home is the board: a district (when several are in scope) and a day. */
export function DispatcherHome() {
  const { t, describeError } = useI18n();
  const me = useMe();
  const id = useId();
  const districts = useQuery(districtsQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const [date, setDate] = useState(todayInCity);
  const inScope = (districts.data ?? []).filter(
    (d) => me.scope.districtIds.length === 0 || me.scope.districtIds.includes(d.id),
  );
  const districtId = chosen ?? inScope[0]?.id ?? null;

  return (
    <>
      <PageTitle>{t('home.dispatcher.title')}</PageTitle>
      <div className="board-header">
        <h1>{t('home.dispatcher.title')}</h1>
        <div className="board-controls">
          {inScope.length > 1 ? (
            <div className="field inline">
              <label htmlFor={`${id}-district`}>{t('dispatch.district')}</label>
              <select
                id={`${id}-district`}
                value={districtId ?? ''}
                onChange={(e) => setChosen(e.target.value)}
              >
                {inScope.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
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
