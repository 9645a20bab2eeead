import { useSearchParams } from 'react-router';
import { useMe } from '../auth/auth.ts';

/**
 * The compound a gatekeeper works on, kept in the URL (`?compound=`) so a link, a reload or a printed page
 * shows the same compound; defaults to the first of their scope, `null` if none is assigned.
 */
export function useSelectedCompound(): {
  compoundIds: readonly string[];
  compoundId: string | null;
  select: (compoundId: string) => void;
} {
  const { compoundIds } = useMe().scope;
  const [params, setParams] = useSearchParams();
  const wanted = params.get('compound');
  const compoundId = wanted && compoundIds.includes(wanted) ? wanted : (compoundIds[0] ?? null);
  return {
    compoundIds,
    compoundId,
    select: (next) =>
      setParams(
        (previous) => {
          const updated = new URLSearchParams(previous);
          updated.set('compound', next);
          return updated;
        },
        { replace: true },
      ),
  };
}
