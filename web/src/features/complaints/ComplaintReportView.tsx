import { ComplaintReport } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { todayInCity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { type PublicMessageKey, usePublicT } from '../public/messages.ts';
import { ComplaintOutcome } from './ResolveComplaint.tsx';

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Refusals and complaints by hospital and day, for the health commission (seed 002): the period is
 * in the URL so a report can be linked; the CSV export is the same query.
 */
export function ComplaintReportView() {
  const { describeError, formatDateTime } = useI18n();
  const pt = usePublicT();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? todayInCity();
  const from = params.get('from') ?? daysBefore(to, 29);
  const search = new URLSearchParams({ from, to });
  const report = useQuery({
    queryKey: ['complaints', 'report', from, to],
    queryFn: ({ signal }) => api.get(`/complaints/report?${search}`, ComplaintReport, signal),
  });
  const setPeriod = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams({ from, to });
    if (value) next.set(key, value);
    setParams(next);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{pt('complaints.byHospitalDay')}</h2>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{pt('complaints.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setPeriod('from', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{pt('complaints.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setPeriod('to', e.target.value)} />
        </div>
        <a className="button-primary" href={`/api/v1/complaints/report.csv?${search}`} download>
          {pt('complaints.csv')}
        </a>
      </div>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(report.error)}
        </p>
      ) : report.data.rows.length === 0 ? (
        <p>{pt('complaints.none')}</p>
      ) : (
        <>
          <table className="data-table" data-testid="complaint-totals">
            <thead>
              <tr>
                <th scope="col">{pt('complaints.hospital')}</th>
                <th scope="col">{pt('complaints.day')}</th>
                <th scope="col">{pt('complaints.total')}</th>
                <th scope="col">{pt('complaints.refusals')}</th>
                <th scope="col">{pt('complaints.forbidden')}</th>
                <th scope="col">{pt('complaints.open')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((r) => (
                <tr key={`${r.hospitalId}-${r.day}`}>
                  <th scope="row">{r.hospitalName}</th>
                  <td>{r.day}</td>
                  <td>{r.total}</td>
                  <td>{r.refusals}</td>
                  <td>{r.forbiddenGrounds}</td>
                  <td>{r.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{pt('complaints.records')}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{pt('complaints.hospital')}</th>
                <th scope="col">{pt('complaints.day')}</th>
                <th scope="col">{pt('complaints.kind')}</th>
                <th scope="col">{pt('complaints.reason')}</th>
                <th scope="col">{pt('complaints.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.complaints.map((c) => (
                <tr key={c.id} data-complaint={c.id}>
                  <th scope="row">{c.hospitalName}</th>
                  <td>{formatDateTime(c.occurredAt)}</td>
                  <td>{pt(`complaints.kind.${c.kind}` as PublicMessageKey)}</td>
                  <td>
                    {[c.reason, c.description].filter(Boolean).join(' · ')}
                    {c.forbiddenGround ? ` (${pt('complaints.forbidden')})` : ''}
                  </td>
                  <td>
                    <ComplaintOutcome complaint={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
