import type { Locale } from '@lastmeter/shared';
import { type ChangeEvent, type FormEvent, useId, useMemo, useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formErrorMap, issueMessage } from '../i18n/zod.ts';
import { ApiError } from '../lib/api.ts';

/** Field errors keyed by dotted path (`patient.phone`, `needs.0.kind`), one message per field. */
export type FieldErrors = Partial<Record<string, string>>;

type StringKeys<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T] & string;

/** Everything a text input needs from the form, for <TextField {...form.field('name')} />. */
export interface FieldBinding {
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
}

/**
 * Server issue paths name the request part first (`body.patient.phone`, see server/src/http/validate.ts)
 * and may use `a[0].b`, `/a/0/b` or `$.a.b`; fields are named like zod's own paths joined by dots,
 * relative to the body (`patient.phone`, `needs.0.kind`).
 */
export function normalizePath(path: string): string {
  return path
    .replace(/^\$\.?/, '')
    .replace(/^\//, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replaceAll('/', '.')
    .replace(/^body(\.|$)/, '');
}

function collect(issues: readonly { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/**
 * A failed parse's field errors in `locale`. Parse with `formErrorMap(locale)`: zod's own issues then
 * speak the language already, and our coded checks (whose explicit English outranks any map) are
 * translated by `issueMessage`.
 */
export function zodFieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  return collect(
    error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issueMessage(issue, locale),
    })),
  );
}

function check<In>(schema: z.ZodType<unknown, In>, values: In, locale: Locale): FieldErrors {
  const result = schema.safeParse(values, { error: formErrorMap(locale) });
  return result.success ? {} : zodFieldErrors(result.error, locale);
}

function focusField(form: HTMLFormElement, errors: FieldErrors): void {
  const first = Object.keys(errors)[0];
  const element = first === undefined ? null : form.elements.namedItem(first);
  if (element instanceof HTMLElement) element.focus();
}

/**
 * A form validated by the same shared zod schema the server uses. Validates on submit, then live as the
 * user corrects fields; messages follow the current language, also after switching it. Field issues the
 * server returns (`issues[].path`) land on the same fields; any other failure is `formError`.
 */
export function useZodForm<In extends Record<string, unknown>, Out>(
  schema: z.ZodType<Out, In>,
  options: { initialValues: In; onSubmit: (data: Out) => Promise<unknown> },
) {
  const { locale } = useI18n();
  const formId = useId();
  const [values, setValues] = useState<In>(options.initialValues);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const clientErrors = useMemo<FieldErrors>(() => {
    if (!attempted) return {};
    return check(schema, values, locale);
  }, [attempted, schema, values, locale]);

  // The client check runs first, so it speaks for a field it rejects; the server's word stands otherwise.
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };

  function setValue<K extends keyof In & string>(name: K, value: In[K]): void {
    setValues((previous) => ({ ...previous, [name]: value }));
    // The server judged the old value; keep its message only until the user changes the field.
    setServerErrors(({ [name]: _judged, ...rest }) => rest);
  }

  function field<K extends StringKeys<In>>(name: K): FieldBinding {
    const value = values[name];
    return {
      id: `${formId}-${name}`,
      name,
      value: typeof value === 'string' ? value : '',
      error: errors[name],
      // K only names string fields (StringKeys), a fact TypeScript cannot carry over to In[K].
      onChange: (event) => setValue(name, event.target.value as In[K]),
    };
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    setAttempted(true);
    setFormError(null);
    const result = schema.safeParse(values, { error: formErrorMap(locale) });
    if (!result.success) {
      focusField(form, zodFieldErrors(result.error, locale));
      return;
    }
    setSubmitting(true);
    try {
      await options.onSubmit(result.data);
      setServerErrors({});
    } catch (error) {
      setFormError(error);
      if (error instanceof ApiError && error.issues.length > 0) {
        const mapped = collect(error.issues.map((issue) => ({ ...issue, path: normalizePath(issue.path) })));
        setServerErrors(mapped);
        focusField(form, mapped);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return {
    values,
    setValue,
    field,
    errors,
    formError,
    submitting,
    handleSubmit: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void submit(event.currentTarget);
    },
  };
}
