import { type ImportMapping, ImportResult } from '@lastmeter/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NetworkError, toError } from '../../lib/api.ts';
import { patientKeys } from '../patients/api.ts';

interface ImportRun {
  compoundId: string;
  file: File;
  mode: 'dry_run' | 'commit';
  mapping?: ImportMapping | undefined;
  locale: string;
}

/**
 * The spreadsheet goes up as multipart, which `lib/api` (JSON only) does not send; errors come back as
 * the same problem details and become the same ApiError, issues included (a refused commit names its
 * rows, an unreadable file says why), so pages translate them by code as usual.
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
  if (!response.ok) throw await toError(response);
  return ImportResult.parse(await response.json());
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
