import type { District } from '@lastmeter/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/auth.ts';
import { districtsQuery } from './queries.ts';

/**
 * The districts a dispatcher works in (an account without districts sees all, as admin does) and the
 * one chosen on this page: the first until the user picks another.
 */
export function useDistrictChoice() {
  const me = useMe();
  const districts = useQuery(districtsQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const inScope = (districts.data ?? []).filter(
    (d) => me.scope.districtIds.length === 0 || me.scope.districtIds.includes(d.id),
  );
  return { districts, inScope, districtId: chosen ?? inScope[0]?.id ?? null, choose: setChosen };
}

/** The district selector, shown only when there is a choice to make. */
export function DistrictSelect({
  id,
  districts,
  value,
  onChange,
  className = 'field',
}: {
  id: string;
  districts: readonly District[];
  value: string | null;
  onChange: (districtId: string) => void;
  className?: string;
}) {
  const { t } = useI18n();
  if (districts.length < 2) return null;
  return (
    <div className={className}>
      <label htmlFor={id}>{t('dispatch.district')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}
