import type { CodeCatalog } from '@lastmeter/shared';

/** What the public registration link answers a resident or family (CODE_STYLE.md 8). */
export const SELF_REGISTRATION_TEXT = {
  received: {
    'zh-CN': '已提交，等待社区核实后生效',
    en: 'Received; it takes effect once the community has verified it',
  },
} as const satisfies CodeCatalog;
