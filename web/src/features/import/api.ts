import { ERROR_CODES, type ErrorCode, type ImportMapping, ImportResult } from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, NetworkError } from '../../lib/api.ts';
import { patientKeys } from '../patients/api.ts';

const Problem = z.object({
  code: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
});

export interface ImportRun {
  compoundId: string;
  file: File;
  mode: 'dry_run' | 'commit';
  mapping?: ImportMapping | undefined;
  locale: string;
}

/**
 * The spreadsheet goes up as multipart, which `lib/api` (JSON only) does not send; errors come back as
 * the same problem details and become the same ApiError, so pages translate them by code as usual.
 */
async function runImport({ compoundId, file, mode, mapping, locale }: ImportRun): Promise<ImportResult> {
  const body = new FormData();
  body.set('file', file, file.name);
  if (mapping) body.set('mapping', JSON.stringify(mapping));
  let response: Response;
  try {
    response = await fetch(`/api/v1/compounds/${compoundId}/patients/import?mode=${mode}`, {
      method: 'POST',
      body,
      credentials: 'include',
      headers: { accept: 'application/json, application/problem+json', 'accept-language': locale },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return ImportResult.parse(json);
  const problem = Problem.safeParse(json);
  const code = problem.success ? problem.data.code : undefined;
  throw new ApiError({
    status: response.status,
    code: (ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as ErrorCode) : 'internal',
    title: (problem.success ? problem.data.title : undefined) ?? response.statusText,
    detail: problem.success ? problem.data.detail : undefined,
  });
}

export function useImportRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runImport,
    onSuccess: (result) => {
      if (result.mode === 'commit') void queryClient.invalidateQueries({ queryKey: patientKeys.all });
    },
  });
}
