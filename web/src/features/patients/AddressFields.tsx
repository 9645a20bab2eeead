import type { Gate } from '@lastmeter/shared';
import { useId } from 'react';
import { TextField } from '../../components/TextField.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { type FormLike, textField } from './form-binding.ts';
import { SelectField } from './SelectField.tsx';

// A type alias, not an interface: textField() needs the values to be a plain record.
export type AddressValues = {
  building?: string | undefined;
  unit?: string | undefined;
  room?: string | undefined;
};

/** Building, unit and room: where in the compound the patient lives (pickups are at a gate, never the door). */
export function AddressFields({ form }: { form: FormLike<AddressValues> }) {
  const t = useT();
  return (
    <>
      <TextField {...textField(form, 'building')} label={t('patient.building')} />
      <TextField {...textField(form, 'unit')} label={t('patient.unit')} />
      <TextField {...textField(form, 'room')} label={t('patient.room')} />
    </>
  );
}

/** The gatekeeper's address section: the gate the patient is picked up at, and where they live. */
export function AddressFieldset({
  form,
  gates,
}: {
  form: FormLike<AddressValues & { gateId?: string | null | undefined }>;
  gates: readonly Gate[];
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="form-section">
      <legend>{t('patient.addressSection')}</legend>
      <div className="field-row">
        <SelectField
          id={`${id}-gate`}
          name="gateId"
          label={t('patient.gate')}
          hint={t('patient.gateHint')}
          value={form.values.gateId ?? ''}
          error={form.errors.gateId}
          onChange={(event) => form.setValue('gateId', event.target.value || null)}
        >
          {gates.map((gate) => (
            <option key={gate.id} value={gate.id}>
              {gate.name}
            </option>
          ))}
        </SelectField>
        <AddressFields form={form} />
      </div>
    </fieldset>
  );
}
