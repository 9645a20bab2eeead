import { NOTICE_KINDS, type NoticeKind } from '@lastmeter/shared';
import { z } from 'zod';

/** How trip notices are sent (README "Text notices"); all from the environment. */
export interface NoticeConfig {
  /** Run the sending worker on this node (NOTICE_WORKER, default on; every node may run one). */
  worker: boolean;
  /** `log` (default, demo): notices are written to the log, phone masked. `http`: a real SMS gateway. */
  provider: 'log' | 'http';
  http?: {
    url: string;
    key: string;
    signName: string;
    /** The provider's template id per notice kind; a kind without one is sent as plain text. */
    templates: Partial<Record<NoticeKind, string>>;
    timeoutMs: number;
  };
  /** Local `HH:MM` after which tomorrow's evening-before notices are queued (NOTICE_EVENING_AT). */
  eveningAt: string;
  /** Notices handed to the provider at once per node. */
  concurrency: number;
  pollMs: number;
}

const Env = z.object({
  NOTICE_WORKER: z.enum(['0', '1', 'true', 'false']).default('1'),
  NOTICE_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_URL: z.url().optional(),
  SMS_KEY: z.string().optional(),
  SMS_SIGN_NAME: z.string().default('最后一米'),
  /** `kind=templateId` pairs, comma-separated, e.g. `evening_before=SMS_1001,vehicle_departed=SMS_1002`. */
  SMS_TEMPLATES: z.string().default(''),
  SMS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  NOTICE_EVENING_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('19:00'),
  NOTICE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
});

export function parseTemplates(text: string): Partial<Record<NoticeKind, string>> {
  const templates: Partial<Record<NoticeKind, string>> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, id] = pair.split('=').map((s) => s.trim());
    const known = NOTICE_KINDS.find((k) => k === kind);
    if (!known || !id)
      throw new Error(`SMS_TEMPLATES: "${pair}" is not kind=templateId (kinds: ${NOTICE_KINDS.join(', ')})`);
    templates[known] = id;
  }
  return templates;
}

export function loadNoticeConfig(env: NodeJS.ProcessEnv): NoticeConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  const e = parsed.data;
  if (e.NOTICE_PROVIDER === 'http' && (!e.SMS_URL || !e.SMS_KEY))
    throw new Error('Invalid environment: NOTICE_PROVIDER=http needs SMS_URL and SMS_KEY');
  return {
    worker: e.NOTICE_WORKER === '1' || e.NOTICE_WORKER === 'true',
    provider: e.NOTICE_PROVIDER,
    ...(e.NOTICE_PROVIDER === 'http' && e.SMS_URL && e.SMS_KEY
      ? {
          http: {
            url: e.SMS_URL,
            key: e.SMS_KEY,
            signName: e.SMS_SIGN_NAME,
            templates: parseTemplates(e.SMS_TEMPLATES),
            timeoutMs: e.SMS_TIMEOUT_MS,
          },
        }
      : {}),
    eveningAt: e.NOTICE_EVENING_AT,
    concurrency: e.NOTICE_CONCURRENCY,
    pollMs: 1_000,
  };
}
