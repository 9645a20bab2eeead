import type { StepTimeRefusal } from '@lastmeter/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/**
 * In place of the main button when the clock keeps a job closed (a job of another day): when it opens,
 * or that its day is gone — so a job of tomorrow is never worked today.
 */
export function NotOpen({ refusal }: { refusal: StepTimeRefusal }) {
  const { t, formatOtherDay, formatWhen } = useI18n();
  const opensAt = refusal.opensAt;
  return (
    <p className="job-closed" role="status">
      {opensAt
        ? t('driver.opensOn', { day: formatOtherDay(opensAt) ?? formatWhen(opensAt) })
        : t('driver.dayGone')}
    </p>
  );
}
