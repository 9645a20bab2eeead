import { NoticeSettingsView } from '@lastmeter/shared';
import { getNoticeSettings } from '../../../domain/notices/notice-settings.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from '../patients/params.ts';

export const getNoticeSettingsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/patients/:patientId/notice-settings',
  summary: "The household's notice settings: opt-out, family number (masked), quiet hours",
  tags: ['notices'],
  auth: 'session',
  params: PatientParams,
  success: { status: 200, description: 'Settings', schema: NoticeSettingsView },
  handler: ({ actor, app, params }) => getNoticeSettings({ db: app.db, actor, patientId: params.patientId }),
});
