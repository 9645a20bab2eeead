import {
  COMPLAINT_KINDS,
  COMPLAINT_SOURCES,
  ComplaintView,
  CreateComplaintBody,
  type District,
} from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormField } from '../../components/FormField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { DistrictSelect } from '../dispatch/DistrictChoice.tsx';
import { hospitalsQuery } from '../dispatch/queries.ts';
import { type PublicMessageKey, usePublicT } from '../public/messages.ts';

/**
 * Dispatch writes down a complaint about a hospital that reached it another way than a driver's refusal
 * report: a family's call, a case 12320 passed on. It joins the report by hospital and day at once.
 */
export function RecordComplaintForm({ districts }: { districts: District[] }) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const id = useId();
  const queryClient = useQueryClient();
  const hospitals = useQuery(hospitalsQuery);
  const [districtId, setDistrictId] = useState(districts[0]?.id ?? '');
  const [recorded, setRecorded] = useState(false);
  const create = useMutation({
    mutationFn: (body: CreateComplaintBody) =>
      api.post(`/districts/${districtId}/complaints`, ComplaintView, body),
    onSuccess: () => {
      setRecorded(true);
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
    },
  });
  const form = useZodForm(CreateComplaintBody, {
    initialValues: { hospitalId: '', kind: 'delayed_treatment', source: 'family', description: '' },
    onSubmit: async (body) => {
      setRecorded(false);
      await create.mutateAsync(body);
      form.setValue('description', '');
    },
  });
  const select = (name: 'hospitalId' | 'kind' | 'source') => form.field(name);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{pt('complaints.new')}</h2>
      <p className="muted">{pt('complaints.newIntro')}</p>
      <form noValidate onSubmit={form.handleSubmit} data-testid="record-complaint">
        <div className="filter-row">
          <DistrictSelect
            id={`${id}-district`}
            districts={districts}
            value={districtId}
            onChange={setDistrictId}
          />
          <FormField
            id={select('hospitalId').id}
            label={pt('complaints.hospital')}
            error={form.errors.hospitalId}
          >
            {(control) => (
              <select
                {...control}
                name="hospitalId"
                value={form.values.hospitalId}
                onChange={select('hospitalId').onChange}
              >
                <option value="">{pt('complaints.chooseHospital')}</option>
                {(hospitals.data ?? []).map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={select('kind').id} label={pt('complaints.kind')} error={form.errors.kind}>
            {(control) => (
              <select {...control} name="kind" value={form.values.kind} onChange={select('kind').onChange}>
                {COMPLAINT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {pt(`complaints.kind.${k}` as PublicMessageKey)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={select('source').id} label={pt('complaints.source')} error={form.errors.source}>
            {(control) => (
              <select
                {...control}
                name="source"
                value={form.values.source}
                onChange={select('source').onChange}
              >
                {COMPLAINT_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {pt(`complaints.source.${s}` as PublicMessageKey)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField
          id={form.field('description').id}
          label={pt('complaints.description')}
          hint={pt('complaints.descriptionHint')}
          error={form.errors.description}
        >
          {(control) => (
            <textarea
              {...control}
              name="description"
              rows={3}
              value={form.values.description}
              onChange={form.field('description').onChange}
            />
          )}
        </FormField>
        {form.formError ? (
          <p className="alert alert-error" role="alert">
            {describeError(form.formError)}
          </p>
        ) : null}
        {recorded ? (
          <p className="alert alert-info" role="status">
            {pt('complaints.recorded')}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={form.submitting || !districtId}>
          {pt('complaints.record')}
        </button>
      </form>
    </section>
  );
}
