import type { RequestView, WayOfService } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { todayInCity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSocketEvent } from '../../realtime/socket.ts';
import {
  careKeys,
  compoundRequestsQuery,
  compoundVisitsQuery,
  isCareEvent,
  useBookOnlineVisit,
  useChooseWay,
} from './api.ts';
import { VisitCard } from './VisitCard.tsx';

/** A request's way can still be chosen (and an online visit booked) while nothing serves it. */
const OPEN: ReadonlySet<RequestView['status']> = new Set(['open', 'unserved']);

/**
 * The compound's care of the day, for the gatekeeper's phone: today's online visits as cards to read
 * out or print, and every request with the way it is served — a trip, an online visit, a delivery —
 * which the gatekeeper may change within what the need allows, and book online.
 */
export function CareToday({ compoundId }: { compoundId: string }) {
  const { t, describeError, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const date = todayInCity();
  const requests = useQuery(compoundRequestsQuery(compoundId, date));
  const visits = useQuery(compoundVisitsQuery(compoundId, date));
  const choose = useChooseWay();
  const book = useBookOnlineVisit();
  const visitsId = useId();
  const requestsId = useId();
  useSocketEvent('event', (event) => {
    if (isCareEvent(event))
      void queryClient.invalidateQueries({ queryKey: careKeys.compound(compoundId, date) });
  });

  const visitByRequest = new Map((visits.data?.items ?? []).map((v) => [v.requestId, v]));
  const error = choose.error ?? book.error;
  return (
    <>
      <section aria-labelledby={visitsId}>
        <h2 id={visitsId}>{t('care.visits.title')}</h2>
        {book.isSuccess ? (
          <p className="alert alert-info" role="status">
            {t('care.booked', { time: formatTime(book.data.startsAt), hospital: book.data.hospitalName })}
          </p>
        ) : null}
        {visits.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(visits.error)}
          </p>
        ) : !visits.data ? (
          <Loading />
        ) : visits.data.items.length === 0 ? (
          <p className="muted">{t('care.visits.empty')}</p>
        ) : (
          <div className="visit-cards">
            {visits.data.items.map((visit) => (
              <VisitCard key={visit.id} visit={visit} />
            ))}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby={requestsId}>
        <h2 id={requestsId}>{t('care.requests.title')}</h2>
        <p className="muted">{t('care.requests.lead')}</p>
        {error ? (
          <p className="alert alert-error" role="alert">
            {describeError(error)}
          </p>
        ) : null}
        {requests.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(requests.error)}
          </p>
        ) : !requests.data ? (
          <Loading />
        ) : requests.data.length === 0 ? (
          <p className="muted">{t('care.requests.empty')}</p>
        ) : (
          <ul className="queue-list care-requests">
            {requests.data.map((request) => {
              const visit = visitByRequest.get(request.id);
              const open = OPEN.has(request.status) && !visit;
              const busy =
                (choose.isPending && choose.variables?.requestId === request.id) ||
                (book.isPending && book.variables === request.id);
              return (
                <li key={request.id} data-request={request.id}>
                  <div>
                    <strong>{request.patientName}</strong> · {t(`service.${request.service}`)}
                    <span className="muted block">
                      {formatTime(request.windowEnd)} · {t(`way.${request.serveBy}`)} ·{' '}
                      {t(`requestStatus.${request.status}`)}
                    </span>
                  </div>
                  {open ? (
                    <div className="care-actions">
                      {request.allowedWays.length > 1 ? (
                        <label>
                          <span className="visually-hidden">
                            {t('care.way.label', { name: request.patientName })}
                          </span>
                          <select
                            value={request.serveBy}
                            disabled={busy}
                            onChange={(e) =>
                              choose.mutate({
                                requestId: request.id,
                                serveBy: e.target.value as WayOfService,
                              })
                            }
                          >
                            {request.allowedWays.map((way) => (
                              <option key={way} value={way}>
                                {t(`way.${way}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                      ) : (
                        <span className="muted">
                          {t('care.way.only', { way: t(`way.${request.serveBy}`) })}
                        </span>
                      )}
                      {request.serveBy === 'online_visit' ? (
                        <button
                          type="button"
                          className="button-primary"
                          disabled={busy}
                          onClick={() => book.mutate(request.id)}
                        >
                          {t('care.book')}
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
