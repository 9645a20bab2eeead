import { IMPORT_FIELDS, type ImportMapping, type ImportResult, type ImportRowError } from '@lastmeter/shared';
import { useId, useState } from 'react';
import { normalizePath } from '../../forms/use-zod-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiError } from '../../lib/api.ts';
import { InfectionBadge } from '../patients/InfectionBadge.tsx';
import { useImportRun } from './api.ts';

/**
 * Upload → check (dry run: mapping, per-row errors, preview) → adjust the mapping and check again →
 * commit, which writes every row or none. Nothing is stored before the commit.
 */
export function ImportWizard({ compoundId }: { compoundId: string }) {
  const { t, locale, describeError } = useI18n();
  const id = useId();
  const run = useImportRun();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | undefined>(undefined);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);

  const check = (nextMapping: ImportMapping | undefined) => {
    if (!file) return;
    setCommitted(null);
    run.mutate(
      { compoundId, file, mode: 'dry_run', mapping: nextMapping, locale },
      {
        onSuccess: (result) => {
          setChecked(result);
          setMapping(result.mapping);
        },
      },
    );
  };
  const commit = () => {
    if (!file || !checked) return;
    run.mutate(
      { compoundId, file, mode: 'commit', mapping, locale },
      {
        onSuccess: (result) => {
          setCommitted(result);
          setChecked(null);
        },
        // Rows that became invalid since the check (the same ID registered meanwhile): show them as
        // the check would, so the list can be corrected; nothing was written.
        onError: (error) => {
          const rowErrors = rowErrorsOf(error);
          if (rowErrors.length) setChecked(withRowErrors(checked, rowErrors));
        },
      },
    );
  };
  const describeFailure = (error: unknown): string => {
    const unreadable = error instanceof ApiError && error.code === 'validation_failed';
    const fileIssue = unreadable ? error.issues.find((issue) => issue.path === 'file') : undefined;
    if (fileIssue) return t('import.fileUnreadable', { reason: fileIssue.message });
    if (rowErrorsOf(error).length) return t('import.commitRefused');
    return describeError(error);
  };
  const failure = run.isError ? describeFailure(run.error) : null;
  const mappingChanged = checked !== null && JSON.stringify(mapping) !== JSON.stringify(checked.mapping);

  return (
    <div className="import-wizard">
      <ol className="steps" aria-label={t('import.stepsLabel')}>
        <li aria-current={checked || committed ? undefined : 'step'}>{t('import.step1')}</li>
        <li aria-current={checked && !committed ? 'step' : undefined}>{t('import.step2')}</li>
        <li aria-current={committed ? 'step' : undefined}>{t('import.step3')}</li>
      </ol>

      <section className="card">
        <h2>{t('import.step1')}</h2>
        <p className="field-hint">{t('import.fileHint')}</p>
        <form
          className="upload-row"
          onSubmit={(event) => {
            event.preventDefault();
            check(undefined);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('import.file')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setChecked(null);
                setCommitted(null);
                setMapping(undefined);
              }}
            />
          </div>
          <button type="submit" className="button-primary" disabled={!file || run.isPending}>
            {run.isPending && run.variables?.mode === 'dry_run' ? t('import.checking') : t('import.check')}
          </button>
        </form>
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
      </section>

      {committed ? (
        <p className="alert alert-info" role="status">
          {t('import.committed', { count: committed.imported, file: committed.fileName })}
        </p>
      ) : null}

      {checked ? (
        <>
          <section className="card">
            <h2>{t('import.mappingTitle')}</h2>
            <p className="muted">
              {checked.format === 'xlsx'
                ? t('import.fileFactsWorkbook', { file: checked.fileName, rows: checked.rowCount })
                : t('import.fileFacts', {
                    file: checked.fileName,
                    format: checked.format,
                    encoding: checked.encoding,
                    rows: checked.rowCount,
                  })}
            </p>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checked.headers.map((header, index) => (
                    <tr key={header}>
                      <th scope="row">
                        <label htmlFor={`${id}-map-${index}`}>{header}</label>
                      </th>
                      <td>
                        <select
                          id={`${id}-map-${index}`}
                          value={mapping?.[header] ?? ''}
                          onChange={(event) =>
                            setMapping({
                              ...mapping,
                              [header]: IMPORT_FIELDS.find((field) => field === event.target.value) ?? null,
                            })
                          }
                        >
                          <option value="">{t('import.ignore')}</option>
                          {IMPORT_FIELDS.map((field) => (
                            <option key={field} value={field}>
                              {t(`importField.${field}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" onClick={() => check(mapping)} disabled={!mappingChanged || run.isPending}>
              {t('import.recheck')}
            </button>
          </section>

          <section className="card">
            <h2>{t('import.resultTitle')}</h2>
            <p role="status" className={checked.errors.length ? 'alert alert-error' : 'alert alert-info'}>
              {checked.errors.length
                ? t('import.hasErrors', {
                    valid: checked.validCount,
                    rows: checked.rowCount,
                    errors: checked.errors.length,
                  })
                : t('import.allValid', { rows: checked.rowCount })}
            </p>
            {checked.errors.length ? (
              <div className="table-wrap">
                <table className="table">
                  <caption>{t('import.errorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.row')}</th>
                      <th scope="col">{t('import.field')}</th>
                      <th scope="col">{t('import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {checked.errors.map((error) => (
                      <tr key={`${error.row}-${error.field}-${error.message}`}>
                        <td>{error.row}</td>
                        <td>{fieldLabel(error.field, t)}</td>
                        <td>{error.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {checked.preview.length ? (
              <div className="table-wrap">
                <table className="table">
                  <caption>{t('import.previewCaption', { count: checked.preview.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.row')}</th>
                      <th scope="col">{t('patient.name')}</th>
                      <th scope="col">{t('roster.identity')}</th>
                      <th scope="col">{t('roster.address')}</th>
                      <th scope="col">{t('roster.kind')}</th>
                      <th scope="col">{t('patient.mobility')}</th>
                      <th scope="col">{t('patient.infectionClass')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {checked.preview.map((row) => (
                      <tr key={row.row}>
                        <td>{row.row}</td>
                        <td>{row.name}</td>
                        <td className="mono">
                          {row.nationalId} {row.phone}
                        </td>
                        <td>{row.address}</td>
                        <td>{row.needKind ? t(`needKind.${row.needKind}`) : '—'}</td>
                        <td>{t(`mobility.${row.mobility}`)}</td>
                        <td>
                          <InfectionBadge infectionClass={row.infectionClass} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <p className="field-hint">{t('import.allOrNothing')}</p>
            <button
              type="button"
              className="button-primary button-large"
              onClick={commit}
              disabled={
                checked.errors.length > 0 || checked.validCount === 0 || mappingChanged || run.isPending
              }
            >
              {run.isPending && run.variables?.mode === 'commit'
                ? t('import.committing')
                : t('import.commit', { count: checked.validCount })}
            </button>
          </section>
        </>
      ) : null}
    </div>
  );
}

/** Issues of a refused commit are `rows.<row>.<field>`: the same row errors a dry run reports. */
function rowErrorsOf(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError)) return [];
  return error.issues.flatMap((issue) => {
    const match = /^rows\.(\d+)\.(.+)$/.exec(normalizePath(issue.path));
    return match?.[1] && match[2] ? [{ row: Number(match[1]), field: match[2], message: issue.message }] : [];
  });
}

function withRowErrors(checked: ImportResult, errors: ImportRowError[]): ImportResult {
  const bad = new Set(errors.map((error) => error.row));
  return {
    ...checked,
    errors,
    validCount: Math.max(0, checked.rowCount - bad.size),
    preview: checked.preview.filter((row) => !bad.has(row.row)),
  };
}

function fieldLabel(field: string, t: ReturnType<typeof useI18n>['t']): string {
  const known = IMPORT_FIELDS.find((candidate) => candidate === field);
  return known ? t(`importField.${known}`) : field;
}
