import { CreateDistrictBody, District } from '@lastmeter/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';

interface DistrictFormValues extends Record<string, unknown> {
  code: string;
  name: string;
  city: string;
  lng: string;
  lat: string;
}

const toBody = (v: DistrictFormValues) => ({
  code: v.code,
  name: v.name,
  city: v.city,
  center: { lng: Number(v.lng), lat: Number(v.lat) },
});

/** One form for a new district and for editing one: the same fields, the shared schema checks them. */
function DistrictForm({ district, onSaved }: { district?: District; onSaved: () => void }) {
  const { t, describeError } = useI18n();
  const schema = z
    .object({ code: z.string(), name: z.string(), city: z.string(), lng: z.string(), lat: z.string() })
    .transform(toBody)
    .pipe(CreateDistrictBody);
  const form = useZodForm(schema, {
    initialValues: {
      code: district?.code ?? '',
      name: district?.name ?? '',
      city: district?.city ?? '上海市',
      lng: String(district?.center.lng ?? ''),
      lat: String(district?.center.lat ?? ''),
    },
    onSubmit: async (body) => {
      if (district) await api.patch(`/districts/${district.id}`, District, body);
      else await api.post('/districts', District, body);
      onSaved();
    },
  });
  return (
    <form
      className="card"
      onSubmit={form.handleSubmit}
      noValidate
      aria-label={district ? district.name : t('districts.create')}
    >
      <h2>{district ? t('districts.edit', { name: district.name }) : t('districts.create')}</h2>
      <TextField {...form.field('code')} label={t('districts.code')} />
      <TextField {...form.field('name')} label={t('districts.name')} />
      <TextField {...form.field('city')} label={t('districts.city')} />
      <TextField {...form.field('lng')} label={t('districts.lng')} inputMode="decimal" />
      <TextField {...form.field('lat')} label={t('districts.lat')} inputMode="decimal" />
      {(form.errors.center ?? form.errors['center.lng'] ?? form.errors['center.lat']) ? (
        <p className="field-error">
          {form.errors.center ?? form.errors['center.lng'] ?? form.errors['center.lat']}
        </p>
      ) : null}
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {t('districts.save')}
      </button>
    </form>
  );
}

/** Districts of the city (admin): create one, or edit its code, name, city and map centre. */
export function DistrictsPage() {
  const { t, describeError } = useI18n();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  // A fresh "new district" form after each save — never when the list arrives, which would wipe
  // what the admin has already typed.
  const [saved, setSaved] = useState(0);
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: ({ signal }) => api.get('/districts', z.array(District), signal),
  });
  const refresh = () => {
    setEditing(null);
    setSaved((n) => n + 1);
    void queryClient.invalidateQueries({ queryKey: ['districts'] });
  };
  return (
    <>
      <PageTitle>{t('districts.title')}</PageTitle>
      <h1>{t('districts.title')}</h1>
      <DistrictForm key={`new-${saved}`} onSaved={refresh} />
      {districts.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(districts.error)}
        </p>
      ) : !districts.data ? (
        <Loading />
      ) : (
        <ul className="registry-list">
          {districts.data.map((d) => (
            <li key={d.id}>
              <strong>{d.name}</strong>
              <span className="muted">
                {d.code} · {d.city}
              </span>
              <button
                type="button"
                className="button-small"
                onClick={() => setEditing(editing === d.id ? null : d.id)}
              >
                {t('districts.editButton')}
              </button>
              {editing === d.id ? <DistrictForm district={d} onSaved={refresh} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
