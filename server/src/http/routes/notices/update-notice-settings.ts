import { NoticeSettingsBody, NoticeSettingsView } from '@lastmeter/shared';
import { updateNoticeSettings } from '../../../domain/notices/notice-settings.ts';
import { defineRoute } from '../../route.ts';
import { PatientParams } from '../patients/params.ts';

export const updateNoticeSettingsRoute = defineRoute({
  method: 'put',
  path: '/api/v1/patients/:patientId/notice-settings',
  summary: "Opt out of texts, set a family number or quiet hours (the compound's gatekeeper)",
  tags: ['notices'],
  auth: 'session',
  params: PatientParams,
  body: NoticeSettingsBody,
  success: { status: 200, description: 'Saved', schema: NoticeSettingsView },
  handler: ({ actor, app, params, body }) =>
    updateNoticeSettings({ db: app.db, actor, patientId: params.patientId, input: body }),
});
