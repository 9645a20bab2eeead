import { catalogProblems } from '@lastmeter/shared';
import { describe, expect, it } from 'vitest';
import { PUBLIC_MESSAGES } from '../features/public/messages.ts';
import { MESSAGES } from './messages.ts';

describe("the web's catalogs say the same things in zh-CN and English", () => {
  it('the app (web/src/i18n/messages.ts)', () => expect(catalogProblems(MESSAGES)).toEqual([]));
  it('the public pages (web/src/features/public/messages.ts)', () =>
    expect(catalogProblems(PUBLIC_MESSAGES)).toEqual([]));
});
