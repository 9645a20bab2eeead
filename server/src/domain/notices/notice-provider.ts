import type { NoticeKind } from '@lastmeter/shared';

/** One message for the provider. `reference` is our notice id: a provider may use it to drop duplicates. */
export interface OutgoingNotice {
  reference: string;
  to: string;
  kind: NoticeKind;
  body: string;
  params: Record<string, string>;
}

export type SendResult =
  | { outcome: 'sent'; providerMessageId: string | null }
  /** Try again later (network, 5xx). */
  | { outcome: 'failed'; detail: string }
  /** The provider asks us to slow down (429), for this long when it says. */
  | { outcome: 'rate_limited'; retryAfterSeconds: number | undefined; detail: string }
  /** Refused for good (bad number, unknown template): retrying cannot help. */
  | { outcome: 'rejected'; detail: string };

/** Where notices leave the system: the log (demo) or an SMS gateway. */
export interface NoticeProvider {
  readonly name: string;
  send(notice: OutgoingNotice): Promise<SendResult>;
}
