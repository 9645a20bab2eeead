import { AuditEntry, ROLES, type Role } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { api } from '../../lib/api.ts';
import {
  AUDIT_ENTITIES,
  auditActionLabel,
  auditEntityLabel,
  auditFieldLabel,
  auditValue,
} from './audit-labels.ts';

const PAGE = 50;

/** The audit trail, newest first, filtered by record kind or id (kept in the URL so it can be linked). */
export function AuditLog() {
  const { t, locale, describeError, formatDateTime } = useI18n();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity') ?? '';
  const entityId = params.get('entityId') ?? '';
  const before = params.get('before') ?? '';
  const [draftEntity, setDraftEntity] = useState(entity);
  const [draftId, setDraftId] = useState(entityId);
  const search = new URLSearchParams({ limit: String(PAGE) });
  if (entity) search.set('entity', entity);
  if (entityId) search.set('entityId', entityId);
  if (before) search.set('before', before);
  const entries = useQuery({
    queryKey: ['admin', 'audit', entity, entityId, before],
    queryFn: ({ signal }) => api.get(`/audit?${search}`, z.array(AuditEntry), signal),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftEntity.trim()) next.set('entity', draftEntity.trim());
    if (draftId.trim()) next.set('entityId', draftId.trim());
    setParams(next);
  };
  const last = entries.data?.at(-1);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.audit.title')}</h2>
      <form className="filter-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-entity`}>{t('admin.audit.entity')}</label>
          <select id={`${id}-entity`} value={draftEntity} onChange={(e) => setDraftEntity(e.target.value)}>
            <option value="">{t('admin.audit.anyEntity')}</option>
            {[
              ...AUDIT_ENTITIES,
              ...(draftEntity && !AUDIT_ENTITIES.includes(draftEntity) ? [draftEntity] : []),
            ].map((code) => (
              <option key={code} value={code}>
                {auditEntityLabel(code, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-entityId`}>{t('admin.audit.entityId')}</label>
          <input
            id={`${id}-entityId`}
            value={draftId}
            onChange={(e) => setDraftId(e.target.value)}
            placeholder={t('admin.audit.entityIdPlaceholder')}
          />
        </div>
        <button type="submit" className="button-primary">
          {t('admin.audit.filter')}
        </button>
      </form>
      {entries.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(entries.error)}
        </p>
      ) : !entries.data ? (
        <Loading />
      ) : entries.data.length === 0 ? (
        <p className="muted">{t('admin.audit.empty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.record')}</th>
                  <th scope="col">{t('admin.audit.outcome')}</th>
                  <th scope="col">{t('admin.audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.map((entry) => (
                  <tr key={entry.id} className={entry.outcome === 'denied' ? 'denied' : undefined}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>
                      {entry.actorName ?? t('admin.audit.system')}
                      <span className="block muted">
                        {isRole(entry.actorRole)
                          ? t(`role.${entry.actorRole}`)
                          : auditEntityLabel(entry.actorRole, locale)}
                      </span>
                    </td>
                    <td>{auditActionLabel(entry.action, locale)}</td>
                    <td>
                      {auditEntityLabel(entry.entity, locale)}
                      {entry.entityId ? (
                        <span className="block muted">
                          {entry.entityName ?? auditValue(entry.entityId, locale)}
                        </span>
                      ) : null}
                    </td>
                    <td>{t(`admin.audit.outcome.${entry.outcome}`)}</td>
                    <td>
                      <AuditDetail detail={entry.detail} names={entry.names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="button-row">
            {before ? (
              <button
                type="button"
                onClick={() =>
                  setParams((p) => {
                    p.delete('before');
                    return p;
                  })
                }
              >
                {t('admin.audit.newest')}
              </button>
            ) : null}
            {last && entries.data.length === PAGE ? (
              <button
                type="button"
                onClick={() =>
                  setParams((p) => {
                    p.set('before', String(last.id));
                    return p;
                  })
                }
              >
                {t('admin.audit.older')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** The detail fields as label → value in a disclosure, never raw JSON. */
function AuditDetail({ detail, names }: { detail: Record<string, unknown>; names: Record<string, string> }) {
  const { t, locale } = useI18n();
  const fields = Object.entries(detail);
  if (fields.length === 0) return <span className="muted">—</span>;
  return (
    <details className="audit-detail">
      <summary>{t('admin.audit.showDetail', { n: fields.length })}</summary>
      <dl>
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt>{auditFieldLabel(key, locale)}</dt>
            <dd>{auditValue(value, locale, names)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
