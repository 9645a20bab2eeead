import { isValidMainlandMobile, isValidNationalId } from '@lastmeter/shared';
import type { Translate } from '../../i18n/I18nProvider.tsx';

/**
 * The shared schema's identity checks say only "not valid" (an empty field too, and on the edit form,
 * where a blank keeps the number on record, a generic union failure); these words say what to look at.
 */
export function nationalIdError(
  value: string,
  fallback: string | undefined,
  t: Translate,
): string | undefined {
  if (fallback === undefined) return undefined;
  const id = value.trim();
  if (id === '') return t('form.required');
  if (isValidNationalId(id)) return fallback;
  if (!/^\d{17}[\dXx]$/.test(id)) return t('patient.nationalIdLength', { length: id.length });
  return t('patient.nationalIdChecksum');
}

export function phoneError(value: string, fallback: string | undefined, t: Translate): string | undefined {
  if (fallback === undefined) return undefined;
  const phone = value.trim();
  if (phone === '') return t('form.required');
  return isValidMainlandMobile(phone) ? fallback : t('patient.phoneInvalid');
}
