import type { ConsentRecord } from '@lastmeter/db';
import type { ConsentInput } from '@lastmeter/shared';

export function consentRecord(
  input: ConsentInput,
  recordedBy: string | null,
  source?: string,
): ConsentRecord {
  return {
    givenBy: input.givenBy,
    relation: input.relation,
    at: input.at ? new Date(input.at).toISOString() : new Date().toISOString(),
    purposes: input.purposes,
    recordedBy,
    ...(source ? { source } : {}),
  };
}
