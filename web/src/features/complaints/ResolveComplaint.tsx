import {
  type ComplaintView,
  ComplaintView as ComplaintViewSchema,
  ResolveComplaintBody,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useZodForm } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import { usePublicT } from '../public/messages.ts';

/**
 * A complaint's outcome as the report shows it; an open one gets a box for what was done. A refusal's
 * outcome is its incident's resolution (dispatch resolves the incident on the board).
 */
export function ComplaintOutcome({ complaint }: { complaint: ComplaintView }) {
  const pt = usePublicT();
  const [open, setOpen] = useState(false);
  if (complaint.status === 'resolved') return <>{complaint.outcome ?? pt('complaints.resolved')}</>;
  if (complaint.incidentId) return <>{`${pt('complaints.open')} · ${pt('complaints.refusalViaIncident')}`}</>;
  return open ? (
    <ResolveForm complaintId={complaint.id} />
  ) : (
    <>
      {pt('complaints.open')}{' '}
      <button type="button" className="button-link" onClick={() => setOpen(true)}>
        {pt('complaints.resolve')}
      </button>
    </>
  );
}

function ResolveForm({ complaintId }: { complaintId: string }) {
  const { describeError } = useI18n();
  const pt = usePublicT();
  const id = useId();
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: (body: ResolveComplaintBody) =>
      api.post(`/complaints/${complaintId}/resolve`, ComplaintViewSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['complaints'] }),
  });
  const form = useZodForm(ResolveComplaintBody, {
    initialValues: { outcome: '' },
    onSubmit: (body) => resolve.mutateAsync(body),
  });
  const outcome = form.field('outcome');
  return (
    <form noValidate onSubmit={form.handleSubmit} data-testid="resolve-complaint">
      <label htmlFor={outcome.id}>{pt('complaints.outcome')}</label>
      <textarea
        id={outcome.id}
        name="outcome"
        rows={2}
        value={outcome.value}
        onChange={outcome.onChange}
        aria-invalid={outcome.error ? true : undefined}
        aria-describedby={outcome.error ? `${id}-error` : undefined}
      />
      {outcome.error ? (
        <p id={`${id}-error`} className="field-error">
          {outcome.error}
        </p>
      ) : null}
      {form.formError ? (
        <p className="field-error" role="alert">
          {describeError(form.formError)}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={form.submitting}>
        {pt('complaints.resolve')}
      </button>
    </form>
  );
}
