import { Hospital, Vehicle } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';

const auditLink = (entity: string, id: string) =>
  `/admin/audit?${new URLSearchParams({ entity, entityId: id })}`;

/** Every hospital and vehicle with its state, each linked to its audit trail. */
export function HospitalVehicleLists() {
  const { t, describeError } = useI18n();
  const id = useId();
  const hospitals = useQuery({
    queryKey: ['hospitals'],
    queryFn: ({ signal }) => api.get('/hospitals', z.array(Hospital), signal),
  });
  const vehicles = useQuery({
    queryKey: ['admin', 'vehicles'],
    queryFn: ({ signal }) => api.get('/vehicles', z.array(Vehicle), signal),
  });
  return (
    <>
      <section className="card" aria-labelledby={`${id}-hospitals`}>
        <h2 id={`${id}-hospitals`}>{t('admin.hospitals', { count: hospitals.data?.length ?? 0 })}</h2>
        <p>
          <Link to="/admin/hospitals">{t('adminHospitals.title')}</Link>
        </p>
        {hospitals.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(hospitals.error)}
          </p>
        ) : !hospitals.data ? (
          <Loading />
        ) : (
          <ul className="registry-list">
            {hospitals.data.map((h) => (
              <li key={h.id}>
                <strong>{h.name}</strong>
                <span className="muted">
                  {t(`hospital.status.${h.status}`)} · {t('hospital.crowdingLabel')}{' '}
                  {t(`crowding.${h.crowding}`)} · {h.services.map((s) => t(`service.${s}`)).join('、')}
                </span>
                <Link to={auditLink('hospital', h.id)}>{t('admin.auditTrail')}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby={`${id}-vehicles`}>
        <h2 id={`${id}-vehicles`}>{t('admin.vehicles', { count: vehicles.data?.length ?? 0 })}</h2>
        <p>
          <Link to="/admin/vehicles">{t('adminVehicles.title')}</Link>
        </p>
        {vehicles.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(vehicles.error)}
          </p>
        ) : !vehicles.data ? (
          <Loading />
        ) : (
          <ul className="registry-list">
            {vehicles.data.map((v) => (
              <li key={v.id}>
                <strong>
                  {v.plate} {v.callSign}
                </strong>
                <span className="muted">
                  {t(`vehicleKind.${v.kind}`)} · {t(`vehicleStatus.${v.status}`)} ·{' '}
                  {v.driver?.name ?? t('admin.noDriver')}
                </span>
                <Link to={auditLink('vehicle', v.id)}>{t('admin.auditTrail')}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
