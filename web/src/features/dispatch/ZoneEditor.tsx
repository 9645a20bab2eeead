import {
  CreateZoneBody,
  ImportZonesBody,
  type Locale,
  ZONE_LEVELS,
  type Zone,
  ZoneChangeResult,
  type ZoneLevel,
} from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import { type Translate, useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formErrorMap, issueMessage } from '../../i18n/zod.ts';
import { api } from '../../lib/api.ts';
import { dispatchKeys } from './queries.ts';
import { cityLocalToIso, isoToCityLocal } from './time.ts';

type Issues = Partial<Record<string, string>>;

const IMPORT_FIELDS: Record<string, MessageKey> = {
  geometry: 'zoneImport.field.geometry',
  'geometry.type': 'zoneImport.field.geometryType',
  'properties.level': 'zoneImport.field.level',
  'properties.name': 'zoneImport.field.name',
  'properties.validTo': 'zoneImport.field.validTo',
};

/** Where in an imported GeoJSON file a problem is, in words ("第 2 个区域（东区）的形状"), not a JSON path. */
function importPlace(path: readonly PropertyKey[], json: unknown, t: Translate): string {
  const [list, index, ...rest] = path;
  if (list !== 'features' || typeof index !== 'number') return t('zoneImport.file');
  const field = t(
    IMPORT_FIELDS[rest.slice(0, 2).map(String).join('.')] ??
      IMPORT_FIELDS[String(rest[0])] ??
      'zoneImport.field.other',
  );
  const features = (json as { features?: { properties?: { name?: unknown } }[] }).features;
  const name = features?.[index]?.properties?.name;
  return typeof name === 'string' && name.trim()
    ? t('zoneImport.whereNamed', { n: index + 1, name, field })
    : t('zoneImport.where', { n: index + 1, field });
}

function issuesOf(error: z.ZodError, locale: Locale): Issues {
  const out: Issues = {};
  for (const issue of error.issues)
    out[issue.path.map(String).join('.') || 'geometry'] ??= issueMessage(issue, locale);
  return out;
}

/** The outcome of a zone change: which compounds moved level. */
function ChangeSummary({ result }: { result: ZoneChangeResult }) {
  const { t } = useI18n();
  return (
    <p className="alert alert-info" role="status">
      {t('dispatch.zones.saved', {
        zones: result.zones.length,
        compounds: result.compoundLevelChanges.length,
      })}
    </p>
  );
}

/**
 * Draw a zone by clicking its corners on the map (at least three), choose level and validity and save;
 * or import a GeoJSON FeatureCollection as exported by map tools (all-or-nothing). Both are checked with
 * the API's own schemas before sending, so a self-intersecting polygon is caught here.
 */
export function ZoneEditor({
  districtId,
  zones,
  points,
  drawing,
  onDrawingChange,
  onPointsChange,
}: {
  districtId: string;
  zones: readonly Zone[];
  points: readonly [number, number][];
  drawing: boolean;
  onDrawingChange: (drawing: boolean) => void;
  onPointsChange: (points: [number, number][]) => void;
}) {
  const { t, locale, describeError, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<ZoneLevel>('controlled');
  const [validFrom, setValidFrom] = useState(() => isoToCityLocal(Date.now()));
  const [validTo, setValidTo] = useState('');
  const [issues, setIssues] = useState<Issues>({});
  const [importIssues, setImportIssues] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: dispatchKeys.district(districtId) });

  const create = useMutation({
    mutationFn: (body: CreateZoneBody) => api.post(`/districts/${districtId}/zones`, ZoneChangeResult, body),
    onSuccess: () => {
      void refresh();
      onPointsChange([]);
      onDrawingChange(false);
      setName('');
    },
  });
  const importZones = useMutation({
    mutationFn: (body: ImportZonesBody) =>
      api.post(`/districts/${districtId}/zones/import`, ZoneChangeResult, body),
    onSuccess: () => void refresh(),
  });
  const endZone = useMutation({
    mutationFn: (zoneId: string) => api.post(`/zones/${zoneId}/end`, ZoneChangeResult),
    onSuccess: () => void refresh(),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const first = points[0];
    const parsed = CreateZoneBody.safeParse(
      {
        name,
        level,
        geometry: { type: 'Polygon', coordinates: first ? [[...points, first]] : [] },
        validFrom: validFrom ? cityLocalToIso(validFrom) : undefined,
        validTo: validTo ? cityLocalToIso(validTo) : null,
      },
      { error: formErrorMap(locale) },
    );
    if (points.length < 3) {
      setIssues({
        ...(parsed.success ? {} : issuesOf(parsed.error, locale)),
        geometry: t('dispatch.zones.needPoints'),
      });
      return;
    }
    if (!parsed.success) {
      setIssues(issuesOf(parsed.error, locale));
      return;
    }
    setIssues({});
    create.mutate(parsed.data);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setImportIssues([]);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setImportIssues([t('dispatch.zones.notJson')]);
      return;
    }
    const parsed = ImportZonesBody.safeParse(json, { error: formErrorMap(locale) });
    if (!parsed.success) {
      setImportIssues(
        parsed.error.issues
          .slice(0, 8)
          .map((i) => `${importPlace(i.path, json, t)}：${issueMessage(i, locale)}`),
      );
      return;
    }
    importZones.mutate(parsed.data);
  };

  const fieldProps = (field: string) => ({
    id: `${id}-${field}`,
    'aria-invalid': issues[field] ? true : undefined,
    'aria-describedby': issues[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: string) =>
    issues[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {issues[field]}
      </p>
    ) : null;

  return (
    <section aria-labelledby={`${id}-title`} className="panel-section">
      <h2 id={`${id}-title`}>{t('dispatch.zones.title')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="draw-box">
          <legend>{t('dispatch.zones.draw')}</legend>
          <p className="muted" id={`${id}-geometry-hint`}>
            {drawing
              ? t('dispatch.zones.drawingHint', { count: points.length })
              : t('dispatch.zones.drawHint')}
          </p>
          <div className="button-row">
            <button type="button" aria-pressed={drawing} onClick={() => onDrawingChange(!drawing)}>
              {drawing ? t('dispatch.zones.stopDrawing') : t('dispatch.zones.startDrawing')}
            </button>
            <button
              type="button"
              onClick={() => onPointsChange(points.slice(0, -1))}
              disabled={points.length === 0}
            >
              {t('dispatch.zones.undo')}
            </button>
            <button type="button" onClick={() => onPointsChange([])} disabled={points.length === 0}>
              {t('dispatch.zones.clear')}
            </button>
          </div>
          {issues.geometry ? (
            <p id={`${id}-geometry-error`} className="field-error">
              {issues.geometry}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('dispatch.zones.name')}</label>
          <input {...fieldProps('name')} value={name} onChange={(e) => setName(e.target.value)} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('dispatch.zones.level')}</label>
          <select
            {...fieldProps('level')}
            value={level}
            onChange={(e) => setLevel(e.target.value as ZoneLevel)}
          >
            {[...ZONE_LEVELS].reverse().map((l) => (
              <option key={l} value={l}>
                {t(`compoundLevel.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-validFrom`}>{t('dispatch.zones.validFrom')}</label>
            <input
              {...fieldProps('validFrom')}
              type="datetime-local"
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
            />
            {fieldError('validFrom')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-validTo`}>{t('dispatch.zones.validTo')}</label>
            <input
              {...fieldProps('validTo')}
              type="datetime-local"
              value={validTo}
              onChange={(e) => setValidTo(e.target.value)}
            />
            {fieldError('validTo')}
          </div>
        </div>
        {create.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(create.error)}
          </p>
        ) : null}
        {create.data ? <ChangeSummary result={create.data} /> : null}
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('dispatch.zones.save')}
        </button>
      </form>

      <div className="field import-box">
        <label htmlFor={`${id}-file`}>{t('dispatch.zones.import')}</label>
        <p className="field-hint">{t('dispatch.zones.importHint')}</p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={onFile}
        />
        {importIssues.length > 0 ? (
          <ul className="field-error" role="alert">
            {importIssues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        ) : null}
        {importZones.isError ? (
          <p className="alert alert-error" role="alert">
            {describeError(importZones.error)}
          </p>
        ) : null}
        {importZones.data ? <ChangeSummary result={importZones.data} /> : null}
      </div>

      <h3>{t('dispatch.zones.inForce', { count: zones.length })}</h3>
      {endZone.isError ? (
        <p className="alert alert-error" role="alert">
          {describeError(endZone.error)}
        </p>
      ) : null}
      <ul className="zone-list">
        {zones.map((zone) => (
          <li key={zone.id}>
            <div>
              <span className={`level-chip level-${zone.level}`}>{t(`compoundLevel.${zone.level}`)}</span>{' '}
              {zone.name}
              <br />
              <span className="muted">
                {formatDateTime(zone.validFrom)} –{' '}
                {zone.validTo ? formatDateTime(zone.validTo) : t('dispatch.zones.untilEnded')}
              </span>
            </div>
            <button type="button" onClick={() => endZone.mutate(zone.id)} disabled={endZone.isPending}>
              {t('dispatch.zones.end')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
