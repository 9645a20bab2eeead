import type { CompoundLevel } from '@lastmeter/shared';

/**
 * One colour per lockdown level, used by the map layers and the legend alike. Red, orange and yellow are
 * what Chinese lockdown maps use; the legend and the labels also name the level, so colour is never the
 * only carrier of meaning.
 */
export const LEVEL_COLOR: Record<CompoundLevel, string> = {
  sealed: '#c62828',
  controlled: '#e8710a',
  precaution: '#e0b400',
  none: '#5f6b76',
};

/** A maplibre `match` expression over a feature's `level` property. */
export const levelColorExpression = [
  'match',
  ['get', 'level'],
  'sealed',
  LEVEL_COLOR.sealed,
  'controlled',
  LEVEL_COLOR.controlled,
  'precaution',
  LEVEL_COLOR.precaution,
  LEVEL_COLOR.none,
] as const;
