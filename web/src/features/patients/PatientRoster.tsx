import { NEED_KINDS, PATIENT_STATUSES, type PatientView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorWithRetry } from '../../components/ErrorWithRetry.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type RosterFilters, rosterQuery } from './api.ts';
import { describeNeed } from './describe-need.ts';
import { InfectionBadge } from './InfectionBadge.tsx';
import { RevealIdentity } from './RevealIdentity.tsx';
import { useRegistryLive } from './use-registry-live.ts';

function address(patient: Pick<PatientView, 'building' | 'unit' | 'room'>): string {
  return [patient.building, patient.unit, patient.room].filter(Boolean).join(' ');
}

/** The compound's registry: who needs what, how they move, their infection class; identity masked. */
export function PatientRoster({
  compoundId,
  editPath,
}: {
  compoundId: string;
  editPath: (id: string) => string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [filters, setFilters] = useState<RosterFilters>({ status: 'active' });
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const roster = useQuery(rosterQuery(compoundId, { ...filters, q: q || undefined }));
  useRegistryLive();

  return (
    <>
      <search className="filters">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('roster.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('roster.kind')}</label>
          <select
            id={`${id}-kind`}
            value={filters.kind ?? ''}
            onChange={(event) =>
              setFilters({ ...filters, kind: NEED_KINDS.find((kind) => kind === event.target.value) })
            }
          >
            <option value="">{t('roster.all')}</option>
            {NEED_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`needKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('roster.status')}</label>
          <select
            id={`${id}-status`}
            value={filters.status ?? ''}
            onChange={(event) =>
              setFilters({
                ...filters,
                status: PATIENT_STATUSES.find((status) => status === event.target.value),
              })
            }
          >
            <option value="">{t('roster.all')}</option>
            {PATIENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`patientStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {roster.isPending ? (
        <Loading />
      ) : roster.isError ? (
        <ErrorWithRetry error={roster.error} retry={() => void roster.refetch()} />
      ) : roster.data.items.length === 0 ? (
        <p className="empty">{t('roster.empty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('roster.count', { count: roster.data.total })}
          </p>
          <div className="table-wrap">
            <table className="table roster-table">
              <thead>
                <tr>
                  <th scope="col">{t('patient.name')}</th>
                  <th scope="col">{t('roster.address')}</th>
                  <th scope="col">{t('roster.needs')}</th>
                  <th scope="col">{t('patient.mobility')}</th>
                  <th scope="col">{t('patient.infectionClass')}</th>
                  <th scope="col">{t('roster.identity')}</th>
                  <th scope="col">{t('roster.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('roster.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {roster.data.items.map((patient) => (
                  <tr key={patient.id}>
                    <th scope="row">{patient.name}</th>
                    <td data-label={t('roster.address')}>{address(patient) || '—'}</td>
                    <td data-label={t('roster.needs')}>
                      {patient.needs.filter((need) => need.active).length === 0
                        ? '—'
                        : patient.needs
                            .filter((need) => need.active)
                            .map((need) => <div key={need.id}>{describeNeed(need, t)}</div>)}
                    </td>
                    <td data-label={t('patient.mobility')}>
                      {t(`mobility.${patient.mobility}`)}
                      {patient.companions > 0 ? (
                        <div className="muted">{t('roster.companions', { count: patient.companions })}</div>
                      ) : null}
                    </td>
                    <td data-label={t('patient.infectionClass')}>
                      <InfectionBadge infectionClass={patient.infectionClass} />
                    </td>
                    <td data-label={t('roster.identity')}>
                      <RevealIdentity
                        patientId={patient.id}
                        nationalId={patient.nationalId}
                        phone={patient.phone}
                      />
                    </td>
                    <td className="nowrap" data-label={t('roster.status')}>
                      {t(`patientStatus.${patient.status}`)}
                    </td>
                    <td className="nowrap roster-actions">
                      <Link
                        className="button-link"
                        to={editPath(patient.id)}
                        aria-label={t('roster.editNamed', { name: patient.name })}
                      >
                        {t('roster.edit')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
