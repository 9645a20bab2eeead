import { useQuery } from '@tanstack/react-query';
import { compoundQuery } from '../../features/patients/api.ts';
import { useSelectedCompound } from '../../features/patients/compound-selection.ts';

/** The selected compound for a page inside GatekeeperLayout, which renders pages only when there is one. */
export function useCompoundPage() {
  const { compoundId } = useSelectedCompound();
  if (!compoundId) throw new Error('gatekeeper page rendered without a compound');
  const compound = useQuery(compoundQuery(compoundId));
  return { compoundId, compound, search: `?compound=${compoundId}` };
}
