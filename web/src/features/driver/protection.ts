import type { LegView } from '@lastmeter/shared';
import type { MessageKey } from '../../i18n/messages.ts';

type Protection = LegView['patient']['protection'];

/** What the crew wears for each protection level (docs/product.md: the class constrains, never blocks). */
export const PROTECTION_TEXT: Record<Protection, MessageKey> = {
  standard: 'driver.protection.standard',
  ppe: 'driver.protection.ppe',
  full_ppe: 'driver.protection.full_ppe',
};
