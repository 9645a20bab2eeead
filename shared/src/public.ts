import type { CrowdingLevel } from './domain.ts';

/**
 * The public's words for a hospital's emergency-department crowding (拥挤等级): the four colour
 * levels cities publish daily, keyed by the level hospitals already set (`CROWDING_LEVELS`).
 */
export const CROWDING_COLORS = {
  low: { color: 'green', hex: '#2e7d32', zh: '绿色（畅通）', en: 'Green (flowing)' },
  medium: { color: 'yellow', hex: '#f9a825', zh: '黄色（较忙）', en: 'Yellow (busy)' },
  high: { color: 'orange', hex: '#ef6c00', zh: '橙色（拥挤）', en: 'Orange (crowded)' },
  full: { color: 'red', hex: '#c62828', zh: '红色（饱和）', en: 'Red (saturated)' },
} as const satisfies Record<CrowdingLevel, { color: string; hex: string; zh: string; en: string }>;
export const CROWDING_COLOR_NAMES = ['green', 'yellow', 'orange', 'red'] as const;
