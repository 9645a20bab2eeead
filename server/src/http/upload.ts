import { textParams, textProblem } from '@lastmeter/shared';
import type { Request, Response } from 'express';
import multer from 'multer';
import { errors } from '../errors.ts';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const single = multer({
  storage: multer.memoryStorage(),
  // Browsers send file names in UTF-8: 社区名单.xlsx must not arrive as mojibake.
  defParamCharset: 'utf8',
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 64 * 1024, parts: 8 },
}).single('file');

export interface UploadedFile {
  name: string;
  buffer: Buffer;
  fields: Record<string, unknown>;
}

/** Reads one multipart file field `file` (≤ 5 MB) into memory; every failure is a 4xx naming the problem. */
export async function receiveUpload(req: Request, res: Response): Promise<UploadedFile> {
  if (!req.is('multipart/form-data'))
    throw errors.unsupportedMediaType('multipart/form-data with a `file` field');
  await new Promise<void>((resolve, reject) => {
    single(req, res, (error: unknown) => (error ? reject(uploadError(error)) : resolve()));
  });
  if (!req.file)
    throw errors.field('file', 'is required: send the spreadsheet in the multipart field `file`');
  const nameProblem = textProblem(req.file.originalname, false);
  if (nameProblem) throw errors.fieldCode('file', nameProblem, textParams(nameProblem));
  return {
    name: req.file.originalname.normalize('NFC'),
    buffer: req.file.buffer,
    fields: (req.body ?? {}) as Record<string, unknown>,
  };
}

function uploadError(error: unknown) {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return errors.payloadTooLarge('5 MB');
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_FILE_COUNT':
        return errors.field('file', 'send exactly one file, in the field `file`');
      default:
        return errors.field(error.field ?? 'body', error.message);
    }
  }
  return errors.field('body', 'is not a readable multipart/form-data body');
}
