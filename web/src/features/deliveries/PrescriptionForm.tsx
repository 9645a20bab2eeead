import { PrescriptionInput } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormField } from '../../components/FormField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { hospitalsQuery, rosterQuery } from '../patients/api.ts';
import { useCreatePrescription } from './api.ts';

interface ItemDraft {
  key: number;
  name: string;
  quantity: string;
  instructions: string;
}

const emptyItem = (key: number): ItemDraft => ({ key, name: '', quantity: '', instructions: '' });

/**
 * The gatekeeper copies a paper prescription (a list the household or a clinic handed over): the
 * patient, the hospital whose pharmacy fills it, the medicines. It becomes a delivery to the gate.
 * Checked with the same schema the server uses; the server's field issues land on the same fields.
 */
export function PrescriptionForm({ compoundId }: { compoundId: string }) {
  const { t, describeError } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const roster = useQuery({ ...rosterQuery(compoundId, { status: 'active' }), enabled: open });
  const hospitals = useQuery({ ...hospitalsQuery, enabled: open });
  const create = useCreatePrescription(compoundId);
  const [patientId, setPatientId] = useState('');
  const [hospitalId, setHospitalId] = useState('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([emptyItem(0)]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);

  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('gate.newPrescription')}
        </button>
      </p>
    );

  const patients = roster.data?.items ?? [];
  const update = (key: number, patch: Partial<ItemDraft>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const submit = () => {
    setCreated(null);
    const found: Record<string, string> = {};
    if (!patientId) found.patientId = t('form.required');
    const input = {
      hospitalId,
      items: items.map(({ name, quantity, instructions }) => ({ name, quantity, instructions })),
      ...(date ? { date } : {}),
      note,
    };
    const parsed = PrescriptionInput.safeParse(input);
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    create.mutate(
      { patientId, input },
      {
        onSuccess: (delivery) => {
          setCreated(delivery.parcelNo);
          setItems([emptyItem(0)]);
          setNote('');
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          const fromServer: Record<string, string> = {};
          for (const issue of error.issues)
            fromServer[issue.path.replace(/^(body|params)\./, '')] ??= issue.message;
          setErrors(fromServer);
        },
      },
    );
  };

  return (
    <form
      className="prescription-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id={`${id}-title`}>{t('gate.newPrescription')}</h3>
      <FormField id={`${id}-patient`} label={t('gate.prescription.patient')} error={errors.patientId}>
        {(control) => (
          <select
            {...control}
            value={patientId}
            onChange={(event) => {
              setPatientId(event.target.value);
              const regular = patients.find((p) => p.id === event.target.value)?.regularHospitalId;
              if (regular && !hospitalId) setHospitalId(regular);
            }}
          >
            <option value="">{t('gate.prescription.choosePatient')}</option>
            {patients.map((patient) => (
              <option key={patient.id} value={patient.id}>
                {patient.name} {patient.building ? `· ${patient.building}` : ''}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-hospital`} label={t('gate.prescription.hospital')} error={errors.hospitalId}>
        {(control) => (
          <select {...control} value={hospitalId} onChange={(event) => setHospitalId(event.target.value)}>
            <option value="">{t('gate.prescription.chooseHospital')}</option>
            {(hospitals.data ?? []).map((hospital) => (
              <option key={hospital.id} value={hospital.id}>
                {hospital.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {items.map((item, index) => (
        <fieldset key={item.key} className="prescription-item">
          <legend>{t('gate.prescription.item', { n: index + 1 })}</legend>
          <FormField
            id={`${id}-item-${item.key}-name`}
            label={t('gate.prescription.itemName')}
            error={errors[`items.${index}.name`] ?? (index === 0 ? errors.items : undefined)}
          >
            {(control) => (
              <input
                {...control}
                value={item.name}
                maxLength={100}
                onChange={(e) => update(item.key, { name: e.target.value })}
              />
            )}
          </FormField>
          <FormField
            id={`${id}-item-${item.key}-quantity`}
            label={t('gate.prescription.quantity')}
            error={errors[`items.${index}.quantity`]}
          >
            {(control) => (
              <input
                {...control}
                value={item.quantity}
                maxLength={40}
                onChange={(e) => update(item.key, { quantity: e.target.value })}
              />
            )}
          </FormField>
          <FormField
            id={`${id}-item-${item.key}-instructions`}
            label={t('gate.prescription.instructions')}
            error={errors[`items.${index}.instructions`]}
          >
            {(control) => (
              <input
                {...control}
                value={item.instructions}
                maxLength={200}
                onChange={(e) => update(item.key, { instructions: e.target.value })}
              />
            )}
          </FormField>
          {items.length > 1 ? (
            <button
              type="button"
              className="button-danger-outline"
              onClick={() => setItems((list) => list.filter((other) => other.key !== item.key))}
            >
              {t('gate.prescription.removeItem')}
            </button>
          ) : null}
        </fieldset>
      ))}
      {items.length < 20 ? (
        <p>
          <button
            type="button"
            onClick={() => setItems((list) => [...list, emptyItem(Math.max(...list.map((i) => i.key)) + 1)])}
          >
            {t('gate.prescription.addItem')}
          </button>
        </p>
      ) : null}
      <FormField
        id={`${id}-date`}
        label={t('gate.prescription.date')}
        error={errors.date ?? errors['dropoffHours.to']}
      >
        {(control) => (
          <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        )}
      </FormField>
      <FormField id={`${id}-note`} label={t('gate.prescription.note')} error={errors.note}>
        {(control) => (
          <input {...control} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        )}
      </FormField>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('gate.prescription.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {created ? (
        <p className="alert alert-info" role="status">
          {t('gate.prescription.created', { parcel: created })}
        </p>
      ) : null}
      {create.isError ? (
        <p className="field-error" role="alert">
          {describeError(create.error)}
        </p>
      ) : null}
    </form>
  );
}
