import type { Db } from '@lastmeter/db';
import { cityClockOf, cityDateOf } from '@lastmeter/shared';
import type { Logger } from '../../logger.ts';
import type { NoticeConfig } from '../../notice-config.ts';
import { HttpSmsProvider } from './http-sms-provider.ts';
import { LogNoticeProvider } from './log-provider.ts';
import type { NoticeProvider } from './notice-provider.ts';
import { createNoticeWorker } from './notice-worker.ts';
import { queueEveningNotices } from './queue-evening-notices.ts';

/** How often the evening job looks for tomorrow's trips without a notice (after NOTICE_EVENING_AT). */
const EVENING_EVERY_MS = 5 * 60_000;

export function noticeProvider(config: NoticeConfig, logger: Logger): NoticeProvider {
  return config.provider === 'http' && config.http
    ? new HttpSmsProvider(config.http)
    : new LogNoticeProvider(logger);
}

/** The node's notice worker and evening job; returns the stop function. */
export function startNotices({
  db,
  config,
  logger,
  timeZone,
}: {
  db: Db;
  config: NoticeConfig;
  logger: Logger;
  timeZone: string;
}): () => Promise<void> {
  const worker = createNoticeWorker({
    db,
    provider: noticeProvider(config, logger),
    logger,
    timeZone,
    concurrency: config.concurrency,
    pollMs: config.pollMs,
  });
  worker.start();
  const evening = async () => {
    const now = new Date();
    if (cityClockOf(now, timeZone) < config.eveningAt) return;
    const tomorrow = new Date(Date.parse(`${cityDateOf(now, timeZone)}T12:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const queued = await queueEveningNotices({ db, date: tomorrow, timeZone, now });
    if (queued) logger.info({ date: tomorrow, trips: queued }, 'queued evening-before notices');
  };
  const timer = setInterval(() => {
    evening().catch((err: unknown) => logger.error({ err }, 'evening notices failed'));
  }, EVENING_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await worker.stop();
  };
}
