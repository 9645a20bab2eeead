import { CreateHospitalBody, District, Hospital, SERVICES, type Service } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { SelectField } from '../patients/SelectField.tsx';

interface HospitalFormValues extends Record<string, unknown> {
  name: string;
  districtId: string;
  address: string;
  phone: string;
  'location.lng': string;
  'location.lat': string;
  'entrance.lng': string;
  'entrance.lat': string;
  acceptsPositive: boolean;
  services: Service[];
}

/** A coordinate as typed: empty stays missing (the schema says it is required) instead of becoming 0. */
const coordinate = (v: string) => (v.trim() === '' ? undefined : Number(v));

const toBody = (v: HospitalFormValues) => ({
  name: v.name,
  districtId: v.districtId || null,
  address: v.address,
  phone: v.phone,
  location: { lng: coordinate(v['location.lng']), lat: coordinate(v['location.lat']) },
  entrance: { lng: coordinate(v['entrance.lng']), lat: coordinate(v['entrance.lat']) },
  acceptsPositive: v.acceptsPositive,
  services: v.services,
});

const formSchema = z
  .object({
    name: z.string(),
    districtId: z.string(),
    address: z.string(),
    phone: z.string(),
    'location.lng': z.string(),
    'location.lat': z.string(),
    'entrance.lng': z.string(),
    'entrance.lat': z.string(),
    acceptsPositive: z.boolean(),
    services: z.array(z.enum(SERVICES)),
  })
  // An emptied number stays `undefined` for the schema to name as required; the pipe's input type says
  // numbers, so the typed-as-typed body is handed over as the schema's input for it to judge.
  .transform((values) => toBody(values) as z.input<typeof CreateHospitalBody>)
  .pipe(CreateHospitalBody);

/**
 * One form for a new hospital and for editing one: name, district, where it stands and where cars
 * stop, what it treats (its capabilities) and whether it takes `positive` patients. The shared schema
 * checks it here and on the server.
 */
function HospitalForm({
  hospital,
  districts,
  onSaved,
}: {
  hospital?: Hospital;
  districts: District[];
  onSaved: () => void;
}) {
  const { t, describeError } = useI18n();
  const id = useId();
  const form = useZodForm(formSchema, {
    initialValues: {
      name: hospital?.name ?? '',
      districtId: hospital?.districtId ?? '',
      address: hospital?.address ?? '',
      phone: hospital?.phone ?? '',
      'location.lng': hospital ? String(hospital.location.lng) : '',
      'location.lat': hospital ? String(hospital.location.lat) : '',
      'entrance.lng': hospital ? String(hospital.entrance.lng) : '',
      'entrance.lat': hospital ? String(hospital.entrance.lat) : '',
      acceptsPositive: hospital?.acceptsPositive ?? false,
      services: hospital?.services ?? [],
    },
    onSubmit: async ({ crowding: _c, status: _s, ...body }) => {
      if (hospital) await api.patch(`/hospitals/${hospital.id}`, Hospital, body);
      else await api.post('/hospitals', Hospital, body);
      onSaved();
    },
  });
  const title = hospital ? t('adminHospitals.edit', { name: hospital.name }) : t('adminHospitals.create');
  const toggle = (service: Service, on: boolean) =>
    form.setValue(
      'services',
      on
        ? SERVICES.filter((s) => s === service || form.values.services.includes(s))
        : form.values.services.filter((s) => s !== service),
    );
  return (
    <form className="card admin-form" onSubmit={form.handleSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        <TextField {...form.field('name')} label={t('adminHospitals.name')} />
        <SelectField {...form.field('districtId')} label={t('adminHospitals.district')}>
          <option value="">{t('adminHospitals.noDistrict')}</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <TextField {...form.field('address')} label={t('adminHospitals.address')} />
        <TextField {...form.field('phone')} label={t('adminHospitals.phone')} inputMode="tel" />
        <TextField
          {...form.field('location.lng')}
          label={t('adminHospitals.locationLng')}
          inputMode="decimal"
        />
        <TextField
          {...form.field('location.lat')}
          label={t('adminHospitals.locationLat')}
          inputMode="decimal"
        />
        <TextField
          {...form.field('entrance.lng')}
          label={t('adminHospitals.entranceLng')}
          inputMode="decimal"
        />
        <TextField
          {...form.field('entrance.lat')}
          label={t('adminHospitals.entranceLat')}
          inputMode="decimal"
        />
      </div>
      <fieldset
        className="checkbox-group"
        aria-describedby={form.errors.services ? `${id}-services-error` : undefined}
      >
        <legend>{t('adminHospitals.services')}</legend>
        <p className="field-hint">{t('adminHospitals.servicesHint')}</p>
        {SERVICES.map((service) => (
          <label key={service} className="checkbox">
            <input
              type="checkbox"
              name="services"
              checked={form.values.services.includes(service)}
              onChange={(e) => toggle(service, e.target.checked)}
            />{' '}
            {t(`service.${service}`)}
          </label>
        ))}
        {form.errors.services ? (
          <p id={`${id}-services-error`} className="field-error">
            {form.errors.services}
          </p>
        ) : null}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          name="acceptsPositive"
          checked={form.values.acceptsPositive}
          onChange={(e) => form.setValue('acceptsPositive', e.target.checked)}
        />{' '}
        {t('adminHospitals.acceptsPositive')}
      </label>
      <p className="field-hint">{t('adminHospitals.acceptsPositiveHint')}</p>
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {t('adminHospitals.save')}
      </button>
    </form>
  );
}

/** The city's hospitals (admin): register one, or edit its place, entrance and what it treats. */
export function HospitalsPage() {
  const { t, describeError } = useI18n();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(0);
  const hospitals = useQuery({
    queryKey: ['hospitals'],
    queryFn: ({ signal }) => api.get('/hospitals', z.array(Hospital), signal),
  });
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: ({ signal }) => api.get('/districts', z.array(District), signal),
  });
  const refresh = () => {
    setEditing(null);
    setSaved((n) => n + 1);
    void queryClient.invalidateQueries({ queryKey: ['hospitals'] });
  };
  const error = hospitals.error ?? districts.error;
  return (
    <>
      <PageTitle>{t('adminHospitals.title')}</PageTitle>
      <h1>{t('adminHospitals.title')}</h1>
      {error ? (
        <p className="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      ) : !hospitals.data || !districts.data ? (
        <Loading />
      ) : (
        <>
          <HospitalForm key={`new-${saved}`} districts={districts.data} onSaved={refresh} />
          <ul className="registry-list">
            {hospitals.data.map((h) => (
              <li key={h.id}>
                <strong>{h.name}</strong>
                <span className="muted">
                  {h.services.length
                    ? h.services.map((s) => t(`service.${s}`)).join('、')
                    : t('adminHospitals.noServices')}
                  {h.acceptsPositive ? ` · ${t('adminHospitals.designated')}` : ''}
                </span>
                <button
                  type="button"
                  className="button-small"
                  aria-expanded={editing === h.id}
                  onClick={() => setEditing(editing === h.id ? null : h.id)}
                >
                  {t('adminHospitals.editButton', { name: h.name })}
                </button>
                <Link to={`/admin/audit?${new URLSearchParams({ entity: 'hospital', entityId: h.id })}`}>
                  {t('admin.auditTrail')}
                </Link>
                {editing === h.id ? (
                  <HospitalForm hospital={h} districts={districts.data} onSaved={refresh} />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
