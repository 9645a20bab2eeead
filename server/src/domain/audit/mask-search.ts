import { maskName, maskNationalId, maskPhone } from '../mask-identity.ts';

/**
 * How the audit keeps a search term: what it searched by and the term masked like a presenter would
 * show it. A gatekeeper typing a full ID number must not leave it in clear in the audit trail.
 */
export function maskedSearch(term: string): { by: 'national_id' | 'phone' | 'name'; term: string } {
  const compact = term.replace(/[\s-]/g, '');
  if (/^\d{6,17}[\dXx]?$/.test(compact) && compact.length >= 15)
    return { by: 'national_id', term: maskNationalId(compact) };
  if (/^\+?\d{7,}$/.test(compact)) return { by: 'phone', term: maskPhone(compact) };
  return { by: 'name', term: maskName(term) };
}
