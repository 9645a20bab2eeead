/**
 * Checks on the identity numbers the registry stores. Mainland resident ID numbers follow GB 11643-1999:
 * 6-digit region code, 8-digit birth date, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check
 * character. The check catches every single-digit typo and most swaps of neighbours — the usual mistakes
 * when a gatekeeper copies a number from a paper list.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The 18th character for the first 17 digits of a resident ID number; throws if they are not 17 digits. */
export function nationalIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('nationalIdCheckDigit expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * A well-formed 18-character resident ID number: region code not starting with 0, a real calendar birth
 * date from 1900 on, and a matching check character. A lowercase `x` is accepted because people type it;
 * store the number upper-cased. Whether the person exists, or the birth date is in the past, is not checked.
 */
export function isValidNationalId(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isCalendarDate(year, month, day)) return false;
  return nationalIdCheckDigit(id.slice(0, 17)) === id.charAt(17).toUpperCase();
}

/** A mainland mobile number: 11 digits, `1` then a network digit 3–9 (no `+86`, spaces or dashes). */
export function isValidMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
