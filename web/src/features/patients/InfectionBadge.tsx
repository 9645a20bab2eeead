import type { InfectionClass } from '@lastmeter/shared';
import { useT } from '../../i18n/I18nProvider.tsx';

/** The class in words (colour only reinforces it), so it reads the same in grey print and to a screen reader. */
export function InfectionBadge({ infectionClass }: { infectionClass: InfectionClass }) {
  const t = useT();
  return (
    <span className="badge infection" data-infection={infectionClass}>
      {t(`infection.${infectionClass}`)}
    </span>
  );
}
