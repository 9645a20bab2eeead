import { TextField } from '../../components/TextField.tsx';
import type { FieldBinding } from '../../forms/use-zod-form.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { nationalIdError, phoneError } from './identity-errors.ts';

/**
 * Name, national ID and phone, with the identity errors in the user's words. A gatekeeper types at a
 * shared desk (no autofill); a resident registers on their own phone, which may fill in name and number.
 */
export function IdentityFields({
  name,
  nationalId,
  phone,
  duplicate,
  onRecord,
  filledBy,
}: {
  name: FieldBinding;
  nationalId: FieldBinding;
  phone: FieldBinding;
  /** The server refused the ID number as already registered. */
  duplicate: boolean;
  /** When editing: the masked values on record, kept when the field is left empty. */
  onRecord?: { nationalId: string; phone: string } | undefined;
  filledBy: 'gatekeeper' | 'resident';
}) {
  const t = useT();
  const resident = filledBy === 'resident';
  return (
    <>
      <TextField {...name} label={t('patient.name')} autoComplete={resident ? 'name' : 'off'} required />
      <TextField
        {...nationalId}
        error={
          duplicate && nationalId.error
            ? t('patient.duplicateShort')
            : nationalIdError(nationalId.value, nationalId.error, t)
        }
        label={t('patient.nationalId')}
        hint={
          onRecord ? t('patient.keepMasked', { value: onRecord.nationalId }) : t('patient.nationalIdHint')
        }
        autoComplete="off"
        required={!onRecord}
      />
      <TextField
        {...phone}
        error={phoneError(phone.value, phone.error, t)}
        label={resident ? t('selfReg.phone') : t('patient.phone')}
        hint={onRecord ? t('patient.keepMasked', { value: onRecord.phone }) : undefined}
        type="tel"
        inputMode="numeric"
        autoComplete={resident ? 'tel-national' : 'off'}
        required={!onRecord}
      />
    </>
  );
}
