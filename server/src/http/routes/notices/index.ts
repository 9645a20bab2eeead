import type { AnyRoute } from '../../route.ts';
import { getNoticeSettingsRoute } from './get-notice-settings.ts';
import { listNoticesRoute } from './list-notices.ts';
import { updateNoticeSettingsRoute } from './update-notice-settings.ts';

/** Notices to patients and families, and their settings. */
export const noticeRoutes: AnyRoute[] = [listNoticesRoute, getNoticeSettingsRoute, updateNoticeSettingsRoute];
