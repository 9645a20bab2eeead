/**
 * Identity masking for presenters (CODE_STYLE.md 10). The birth date inside a resident ID number
 * (characters 7–14) identifies a person together with a name, so it is never shown masked or not.
 */

/** `310104196001011234` → `3101**********1234`: region prefix and sequence + check character only. */
export function maskNationalId(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `13800001234` → `138****1234`. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** `张三明` → `张*明`, `张三` → `张*`: enough to recognise on a call list, not to identify. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
