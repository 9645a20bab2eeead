import { useT } from '../../i18n/I18nProvider.tsx';
import { LEVEL_COLOR } from '../../map/levels.ts';

/** What the map's colours mean; every swatch is named, so colour never carries meaning alone. */
export function MapLegend() {
  const t = useT();
  return (
    <div className="map-legend">
      <h3 className="visually-hidden">{t('map.legend')}</h3>
      <ul>
        {(['sealed', 'controlled', 'precaution'] as const).map((level) => (
          <li key={level}>
            <span className="swatch" style={{ background: LEVEL_COLOR[level] }} aria-hidden="true" />
            {t(`compoundLevel.${level}`)}
          </li>
        ))}
        <li>
          <span className="swatch swatch-dot" style={{ background: '#1b7a3a' }} aria-hidden="true" />
          {t('map.legend.hospital')}
        </li>
        <li>
          <span className="swatch swatch-dot swatch-ring" aria-hidden="true" />
          {t('map.legend.diverting')}
        </li>
        <li>
          <span className="swatch swatch-dot" style={{ background: '#0b5cad' }} aria-hidden="true" />
          {t('map.legend.vehicle')}
        </li>
        <li>
          <span className="swatch swatch-dot" style={{ background: '#9aa4ad' }} aria-hidden="true" />
          {t('map.legend.stale')}
        </li>
        <li>
          <span className="swatch swatch-dot" style={{ background: '#b3261e' }} aria-hidden="true" />
          {t('map.legend.emergency')}
        </li>
      </ul>
    </div>
  );
}
