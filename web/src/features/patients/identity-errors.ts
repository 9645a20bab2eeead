import { isValidMainlandMobile, isValidNationalId } from '@lastmeter/shared';
import type { Translate } from '../../i18n/I18nProvider.tsx';

/**
 * The shared schema's identity checks carry an English sentence of their own, which zod prefers over any
 * locale; the form shows these words instead, in the user's language, and says what to look at.
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
