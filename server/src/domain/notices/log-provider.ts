import type { Logger } from '../../logger.ts';
import { maskPhone } from '../mask-identity.ts';
import type { NoticeProvider, OutgoingNotice, SendResult } from './notice-provider.ts';

/** The default and demo provider: every notice goes to the log, the number masked, and counts as sent. */
export class LogNoticeProvider implements NoticeProvider {
  readonly name = 'log';
  constructor(private readonly logger: Logger) {}

  async send(notice: OutgoingNotice): Promise<SendResult> {
    this.logger.info(
      { notice: notice.reference, kind: notice.kind, to: maskPhone(notice.to), text: notice.body },
      'notice (log provider)',
    );
    return { outcome: 'sent', providerMessageId: null };
  }
}
