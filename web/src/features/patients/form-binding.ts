import type { FieldBinding, FieldErrors } from '../../forms/use-zod-form.ts';

/** Keys whose input is a string that may be left out (fields with a default, or optional in an update). */
type OptionalStringKeys<T> = {
  [K in keyof T]-?: [Exclude<T[K], undefined>] extends [string] ? K : never;
}[keyof T] &
  string;

/**
 * What a sub-form component needs of `useZodForm()`: the values, their errors, and a setter. `setValue`
 * is a method so that a form with more fields can be passed where a part of it (`CareValues`) is asked
 * for: the part sets only its own keys, with values of the part's (same) types.
 */
export interface FormLike<In> {
  values: In;
  errors: FieldErrors;
  setValue<K extends keyof In & string>(name: K, value: In[K]): void;
}

/**
 * `useZodForm().field()` binds only required strings; a schema field with a default (`building`) is
 * optional on input, so this binds it the same way and shows an absent value as an empty input.
 */
export function textField<In extends Record<string, unknown>, K extends OptionalStringKeys<In>>(
  form: FormLike<In>,
  name: K,
): FieldBinding {
  const value = form.values[name];
  return {
    id: `field-${name}`,
    name,
    value: typeof value === 'string' ? value : '',
    error: form.errors[name],
    // K only names (optional) string fields, which TypeScript cannot carry over to In[K].
    onChange: (event) => form.setValue(name, event.target.value as In[K]),
  };
}
