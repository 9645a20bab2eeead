import type { InputHTMLAttributes } from 'react';
import type { FieldBinding } from '../forms/use-zod-form.ts';
import { FormField } from './FormField.tsx';

type TextFieldProps = FieldBinding & {
  label: string;
  hint?: string | undefined;
} & Pick<
    InputHTMLAttributes<HTMLInputElement>,
    'type' | 'autoComplete' | 'inputMode' | 'required' | 'autoFocus'
  >;

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ id, label, hint, error, ...input }: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...input} />}
    </FormField>
  );
}
