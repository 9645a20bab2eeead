import type { Translate } from '../../i18n/I18nProvider.tsx';

/** Relations offered for who gave consent; stored as these codes (ConsentInput.relation). */
export const CONSENT_RELATIONS = ['self', 'spouse', 'child', 'parent', 'guardian', 'other'] as const;

/** What the registry asks consent for: keeping the record, transport, handing over to the hospital. */
export const CONSENT_PURPOSES = ['registry', 'transport', 'share_with_hospital'] as const;

/** A stored relation in words: our codes are translated, free text (older records, imports) shown as is. */
export function relationLabel(relation: string, t: Translate): string {
  const code = CONSENT_RELATIONS.find((candidate) => candidate === relation);
  return code ? t(`consent.relation.${code}`) : relation;
}
