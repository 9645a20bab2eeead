import { MainlandMobile, NoticeSettingsBody, NoticeSettingsView } from '@lastmeter/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { TextField } from '../../components/TextField.tsx';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { usePublicT } from '../public/messages.ts';

/** The family number is shown masked, so an empty field means "keep what is on record". */
const SettingsFormSchema = NoticeSettingsBody.required({ quietStart: true, quietEnd: true }).extend({
  familyPhone: z.union([z.literal(''), MainlandMobile]),
});

const settingsKey = (patientId: string) => ['notice-settings', patientId] as const;

/** The gatekeeper keeps a household's text-notice wishes: opt-out, a family number, quiet hours. */
export function NoticeSettingsPanel({ patientId }: { patientId: string }) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  // Kept here: the form below starts afresh from what the server saved.
  const [saved, setSaved] = useState(false);
  const settings = useQuery({
    queryKey: settingsKey(patientId),
    queryFn: ({ signal }) => api.get(`/patients/${patientId}/notice-settings`, NoticeSettingsView, signal),
  });
  return (
    <section className="card" data-testid="notice-settings">
      <h2>{pt('settings.title')}</h2>
      <p className="muted">{pt('settings.intro')}</p>
      {settings.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(settings.error)}
        </p>
      ) : settings.data ? (
        <NoticeSettingsForm
          key={JSON.stringify(settings.data)}
          patientId={patientId}
          current={settings.data}
          saved={saved}
          onSaved={setSaved}
        />
      ) : null}
    </section>
  );
}

function NoticeSettingsForm({
  patientId,
  current,
  saved,
  onSaved,
}: {
  patientId: string;
  current: NoticeSettingsView;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const queryClient = useQueryClient();
  const [removeFamily, setRemoveFamily] = useState(false);
  const save = useMutation({
    mutationFn: (body: NoticeSettingsBody) =>
      api.put(`/patients/${patientId}/notice-settings`, NoticeSettingsView, body),
    onSuccess: (view) => {
      onSaved(true);
      queryClient.setQueryData(settingsKey(patientId), view);
    },
  });
  const form = useZodForm(SettingsFormSchema, {
    initialValues: {
      optedOut: current.optedOut,
      familyPhone: '',
      quietStart: current.quietStart,
      quietEnd: current.quietEnd,
    },
    onSubmit: async ({ familyPhone, ...rest }) => {
      onSaved(false);
      await save.mutateAsync({
        ...rest,
        ...(familyPhone ? { familyPhone } : removeFamily ? { familyPhone: null } : {}),
      });
    },
  });
  return (
    <form noValidate onSubmit={form.handleSubmit}>
      <label className="checkbox">
        <input
          type="checkbox"
          name="optedOut"
          checked={form.values.optedOut === true}
          onChange={(e) => form.setValue('optedOut', e.target.checked)}
        />
        {pt('settings.optedOut')}
      </label>
      <TextField
        {...form.field('familyPhone')}
        label={pt('settings.familyPhone')}
        hint={
          current.familyPhone
            ? pt('settings.familyPhoneHint', { phone: current.familyPhone })
            : pt('settings.familyPhoneNone')
        }
        type="tel"
        inputMode="tel"
        autoComplete="off"
      />
      {current.familyPhone ? (
        <label className="checkbox">
          <input
            type="checkbox"
            name="removeFamily"
            checked={removeFamily}
            onChange={(e) => setRemoveFamily(e.target.checked)}
          />
          {pt('settings.removeFamily')}
        </label>
      ) : null}
      <div className="filter-row">
        <TextField {...form.field('quietStart')} label={pt('settings.quietStart')} type="time" />
        <TextField {...form.field('quietEnd')} label={pt('settings.quietEnd')} type="time" />
      </div>
      <p className="field-hint">{pt('settings.quietHint')}</p>
      {form.formError ? (
        <p className="alert alert-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      {saved ? (
        <p className="alert alert-info" role="status">
          {pt('settings.saved')}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {pt('settings.save')}
      </button>
    </form>
  );
}
