import type { ReturnPickupView } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { returnPickupsQuery } from './queries.ts';

/** When the car is due at the entrance: the planned pickup, else the start of its window. */
const pickupAt = (leg: ReturnPickupView) => leg.plannedPickupAt ?? leg.pickupWindow[0];

/**
 * The patients going home from this entrance — today's, tomorrow's and any still waiting since
 * yesterday — soonest first, each with the car and the driver who takes them (a day shown when not
 * today). Kept fresh by the arrivals board's socket listener, which refreshes every hospital query.
 */
export function ReturnPickups({ hospitalId, date }: { hospitalId: string; date: string }) {
  const { t, describeError, formatWhen } = useI18n();
  const headingId = useId();
  const pickups = useQuery(returnPickupsQuery(hospitalId, date));

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('hospital.returns.title')}</h2>
      {pickups.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(pickups.error)}
        </p>
      ) : !pickups.data ? (
        <Loading />
      ) : pickups.data.length === 0 ? (
        <p className="muted">{t('hospital.returns.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table arrivals return-pickups">
            <thead>
              <tr>
                <th scope="col">{t('hospital.returns.time')}</th>
                <th scope="col">{t('hospital.arrivals.patient')}</th>
                <th scope="col">{t('hospital.arrivals.mobility')}</th>
                <th scope="col">{t('hospital.returns.to')}</th>
                <th scope="col">{t('hospital.returns.driver')}</th>
                <th scope="col">{t('hospital.arrivals.status')}</th>
              </tr>
            </thead>
            <tbody>
              {pickups.data.map((leg) => {
                const at = pickupAt(leg);
                return (
                  <tr key={leg.id} data-urgency={leg.urgency}>
                    <td>
                      {at ? (
                        <strong>
                          <time dateTime={at}>{formatWhen(at)}</time>
                        </strong>
                      ) : (
                        <span className="muted">{t('hospital.returns.whenReady')}</span>
                      )}
                      {!leg.released ? (
                        <span className="muted block">{t('hospital.returns.notReleased')}</span>
                      ) : null}
                    </td>
                    <th scope="row">
                      {leg.urgency === 'emergency' ? (
                        <span className="badge badge-emergency">{t('urgency.emergency')}</span>
                      ) : null}{' '}
                      {leg.patient.name}
                      <span className="muted block">{t(`service.${leg.service}`)}</span>
                    </th>
                    <td>
                      {t(`mobility.${leg.patient.mobility}`)}
                      <span className="muted block">{t(`infection.${leg.patient.infectionClass}`)}</span>
                    </td>
                    <td>
                      {leg.compound.name}
                      <span className="muted block">{leg.gate.name}</span>
                    </td>
                    <td>
                      {leg.vehicle ? (
                        <>
                          <span className="plate">{leg.vehicle.plate}</span>
                          {leg.driver ? (
                            <span className="block">
                              {leg.driver.name}
                              {leg.driver.phone ? (
                                <>
                                  {' · '}
                                  <a href={`tel:${leg.driver.phone}`}>{leg.driver.phone}</a>
                                </>
                              ) : null}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">{t('hospital.returns.noVehicle')}</span>
                      )}
                    </td>
                    <td>{t(`legStatus.${leg.status}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
