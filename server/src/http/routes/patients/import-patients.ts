import { ImportForm, ImportMapping, ImportQuery, ImportResult } from '@lastmeter/shared';
import { importPatients } from '../../../domain/import/import-patients.ts';
import { loadCompoundForPatients } from '../../../domain/patients/load-scope.ts';
import { errors } from '../../../errors.ts';
import { parseInput } from '../../../validation.ts';
import { requestLocale } from '../../request-context.ts';
import { defineRoute } from '../../route.ts';
import { receiveUpload } from '../../upload.ts';
import { CompoundParams } from './params.ts';

export const importPatientsRoute = defineRoute({
  method: 'post',
  path: '/api/v1/compounds/:compoundId/patients/import',
  summary:
    "Import the compound's patient list from .xlsx or .csv (GB18030 or UTF-8); dry run or all-or-nothing commit (gatekeeper, admin)",
  tags: ['patients'],
  auth: 'session',
  params: CompoundParams,
  query: ImportQuery,
  body: ImportForm,
  bodyType: 'multipart',
  success: {
    status: 200,
    description: 'Row errors, mapping and preview; `imported` after a commit',
    schema: ImportResult,
  },
  async handler({ actor, app, params, query, req, res, locale }) {
    // Refused before the upload is read: an outsider never makes the server buffer 5 MB.
    await loadCompoundForPatients(app.db, actor, params.compoundId, 'write');
    const upload = await receiveUpload(req, res);
    const mapping =
      typeof upload.fields.mapping === 'string' && upload.fields.mapping
        ? parseMapping(upload.fields.mapping, locale)
        : undefined;
    return importPatients({
      db: app.db,
      now: app.clock.now(),
      timeZone: app.config.timeZone,
      actor,
      compoundId: params.compoundId,
      file: upload,
      mode: query.mode,
      mapping,
      locale: req.get('accept-language') ? requestLocale(req) : locale,
    });
  },
});

function parseMapping(text: string, locale: 'zh-CN' | 'en') {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw errors.field('mapping', 'is not valid JSON');
  }
  return parseInput(ImportMapping, json, 'mapping', locale);
}
