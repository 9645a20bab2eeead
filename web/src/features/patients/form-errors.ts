import type { FieldErrors } from '../../forms/use-zod-form.ts';

/** The errors under one path (`consent`), keyed relative to it, for a sub-form component. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const scoped: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) scoped[''] = message;
    else if (path.startsWith(`${prefix}.`)) scoped[path.slice(prefix.length + 1)] = message;
  }
  return scoped;
}
