/** Relations offered for who gave consent; stored as these codes (ConsentInput.relation). */
export const CONSENT_RELATIONS = ['self', 'spouse', 'child', 'parent', 'guardian', 'other'] as const;

/** What the registry asks consent for: keeping the record, transport, handing over to the hospital. */
export const CONSENT_PURPOSES = ['registry', 'transport', 'share_with_hospital'] as const;
