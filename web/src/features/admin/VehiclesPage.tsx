import { CreateVehicleBody, District, VEHICLE_KINDS, Vehicle } from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { useMe } from '../auth/auth.ts';
import { SelectField } from '../patients/SelectField.tsx';

interface VehicleFormValues extends Record<string, unknown> {
  plate: string;
  callSign: string;
  kind: string;
  districtId: string;
  seats: string;
  wheelchairPlaces: string;
  stretchers: string;
  'base.lng': string;
  'base.lat': string;
}

/** A number as typed: empty stays missing (the schema says what is required) instead of becoming 0. */
const typed = (v: string) => (v.trim() === '' ? undefined : Number(v));

const toBody = (v: VehicleFormValues) => ({
  plate: v.plate,
  callSign: v.callSign,
  kind: v.kind,
  districtId: v.districtId,
  seats: typed(v.seats),
  wheelchairPlaces: typed(v.wheelchairPlaces),
  stretchers: typed(v.stretchers),
  base: { lng: typed(v['base.lng']), lat: typed(v['base.lat']) },
});

const formSchema = z
  .object({
    plate: z.string(),
    callSign: z.string(),
    kind: z.string(),
    districtId: z.string(),
    seats: z.string(),
    wheelchairPlaces: z.string(),
    stretchers: z.string(),
    'base.lng': z.string(),
    'base.lat': z.string(),
  })
  // An emptied number stays `undefined` for the schema to name as required; the pipe's input type says
  // numbers, so the typed-as-typed body is handed over as the schema's input for it to judge.
  .transform((values) => toBody(values) as z.input<typeof CreateVehicleBody>)
  .pipe(CreateVehicleBody);

/** One form for a new vehicle and for editing one: plate, kind, places, district and base. */
function VehicleForm({
  vehicle,
  districts,
  onSaved,
}: {
  vehicle?: Vehicle;
  districts: District[];
  onSaved: () => void;
}) {
  const { t, describeError } = useI18n();
  const form = useZodForm(formSchema, {
    initialValues: {
      plate: vehicle?.plate ?? '',
      callSign: vehicle?.callSign ?? '',
      kind: vehicle?.kind ?? 'volunteer',
      districtId: vehicle?.districtId ?? districts[0]?.id ?? '',
      seats: vehicle ? String(vehicle.seats) : '4',
      wheelchairPlaces: vehicle ? String(vehicle.wheelchairPlaces) : '0',
      stretchers: vehicle ? String(vehicle.stretchers) : '0',
      'base.lng': vehicle ? String(vehicle.base.lng) : '',
      'base.lat': vehicle ? String(vehicle.base.lat) : '',
    },
    onSubmit: async (body) => {
      if (vehicle) {
        // Only the fields this form shows: shift, disinfection time and status stay as they are.
        const { plate, callSign, kind, districtId, seats, wheelchairPlaces, stretchers, base } = body;
        await api.patch(`/vehicles/${vehicle.id}`, Vehicle, {
          plate,
          callSign,
          kind,
          districtId,
          seats,
          wheelchairPlaces,
          stretchers,
          base,
        });
      } else await api.post('/vehicles', Vehicle, body);
      onSaved();
    },
  });
  const title = vehicle ? t('adminVehicles.edit', { plate: vehicle.plate }) : t('adminVehicles.create');
  return (
    <form className="card admin-form" onSubmit={form.handleSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        <TextField {...form.field('plate')} label={t('adminVehicles.plate')} />
        <TextField {...form.field('callSign')} label={t('adminVehicles.callSign')} />
        <SelectField {...form.field('kind')} label={t('adminVehicles.kind')}>
          {VEHICLE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`vehicleKind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField {...form.field('districtId')} label={t('adminVehicles.district')}>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <TextField {...form.field('seats')} label={t('adminVehicles.seats')} inputMode="numeric" />
        <TextField
          {...form.field('wheelchairPlaces')}
          label={t('adminVehicles.wheelchairPlaces')}
          inputMode="numeric"
        />
        <TextField {...form.field('stretchers')} label={t('adminVehicles.stretchers')} inputMode="numeric" />
        <TextField {...form.field('base.lng')} label={t('adminVehicles.baseLng')} inputMode="decimal" />
        <TextField {...form.field('base.lat')} label={t('adminVehicles.baseLat')} inputMode="decimal" />
      </div>
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {t('adminVehicles.save')}
      </button>
    </form>
  );
}

/** The city's fleet (admin): add a vehicle, edit one, or take one out of service. */
export function VehiclesPage() {
  const { t, describeError } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(0);
  const vehicles = useQuery({
    queryKey: ['admin', 'vehicles'],
    queryFn: ({ signal }) => api.get('/vehicles', z.array(Vehicle), signal),
  });
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: ({ signal }) => api.get('/districts', z.array(District), signal),
  });
  const refresh = () => {
    setEditing(null);
    setSaved((n) => n + 1);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'vehicles'] });
  };
  const retire = useMutation({
    mutationFn: (vehicle: Vehicle) => api.post(`/vehicles/${vehicle.id}/retire`, Vehicle, undefined),
    onSuccess: refresh,
  });
  const districtName = (id: string) => districts.data?.find((d) => d.id === id)?.name ?? '';
  const error = vehicles.error ?? districts.error;
  return (
    <>
      <PageTitle>{t('adminVehicles.title')}</PageTitle>
      <h1>{t('adminVehicles.title')}</h1>
      {error ? (
        <p className="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      ) : !vehicles.data || !districts.data ? (
        <Loading />
      ) : (
        <>
          <VehicleForm key={`new-${saved}`} districts={districts.data} onSaved={refresh} />
          {retire.isError ? (
            <p className="alert alert-error" role="alert">
              {describeError(retire.error)}
            </p>
          ) : null}
          <ul className="registry-list">
            {vehicles.data.map((v) => (
              <li key={v.id} data-status={v.status}>
                <strong>
                  {v.plate} {v.callSign}
                </strong>
                <span className="muted">
                  {t(`vehicleKind.${v.kind}`)} · {districtName(v.districtId)} ·{' '}
                  {t('adminVehicles.places', {
                    seats: v.seats,
                    wheelchairs: v.wheelchairPlaces,
                    stretchers: v.stretchers,
                  })}{' '}
                  · {t(`vehicleStatus.${v.status}`)} · {v.driver?.name ?? t('admin.noDriver')}
                </span>
                <button
                  type="button"
                  className="button-small"
                  aria-expanded={editing === v.id}
                  onClick={() => setEditing(editing === v.id ? null : v.id)}
                >
                  {t('adminVehicles.editButton', { plate: v.plate })}
                </button>
                {v.status !== 'off' || v.driver ? (
                  <button
                    type="button"
                    className="button-small"
                    disabled={retire.isPending}
                    onClick={() => {
                      if (window.confirm(t('adminVehicles.retireConfirm', { plate: v.plate })))
                        retire.mutate(v);
                    }}
                  >
                    {t('adminVehicles.retire', { plate: v.plate })}
                  </button>
                ) : null}
                {me.role === 'admin' ? (
                  <Link to={`/admin/audit?${new URLSearchParams({ entity: 'vehicle', entityId: v.id })}`}>
                    {t('admin.auditTrail')}
                  </Link>
                ) : null}
                {editing === v.id ? (
                  <VehicleForm vehicle={v} districts={districts.data} onSaved={refresh} />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
