import { HEALTH_HOTLINE } from '@lastmeter/shared';
import { usePublicT } from '../public/messages.ts';
import '../public/public.css';

/**
 * What a driver shows the gate, and where to complain (seed 002): no test result, health code or
 * symptom may delay treatment; the 12320 hotline takes the complaint.
 */
export function RefusalRights() {
  const pt = usePublicT();
  return (
    <div className="hotline-rule" role="note" data-testid="refusal-rights">
      <p>
        <strong>{pt('refusal.rule')}</strong>
      </p>
      <p>
        {pt('refusal.hotline', { hotline: HEALTH_HOTLINE })}{' '}
        <a href={`tel:${HEALTH_HOTLINE}`}>{pt('refusal.call', { hotline: HEALTH_HOTLINE })}</a>
      </p>
    </div>
  );
}
