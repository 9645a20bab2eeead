import type { NoticeKind } from '@lastmeter/shared';
import type { NoticeProvider, OutgoingNotice, SendResult } from './notice-provider.ts';

export interface HttpSmsOptions {
  url: string;
  key: string;
  signName: string;
  templates: Partial<Record<NoticeKind, string>>;
  timeoutMs: number;
}

/**
 * A generic HTTP SMS gateway (README "Text notices" gives the wire format): one JSON POST per message,
 * `Authorization: Bearer <key>`. 2xx is accepted (`messageId` kept), 429 slows down (Retry-After),
 * 408/5xx/network errors are retried, any other 4xx is a permanent refusal.
 */
export class HttpSmsProvider implements NoticeProvider {
  readonly name = 'http';
  constructor(private readonly options: HttpSmsOptions) {}

  async send(notice: OutgoingNotice): Promise<SendResult> {
    const templateId = this.options.templates[notice.kind];
    const body = {
      reference: notice.reference,
      phone: notice.to,
      signName: this.options.signName,
      ...(templateId ? { templateId, params: notice.params } : { text: notice.body }),
    };
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.key}`,
          'content-type': 'application/json',
          'idempotency-key': notice.reference,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      return { outcome: 'failed', detail: error instanceof Error ? error.name : 'network error' };
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return { outcome: 'sent', providerMessageId: messageIdOf(text) };
    const detail = `HTTP ${res.status}`;
    if (res.status === 429)
      return {
        outcome: 'rate_limited',
        retryAfterSeconds: retryAfter(res.headers.get('retry-after')),
        detail,
      };
    if (res.status === 408 || res.status >= 500) return { outcome: 'failed', detail };
    return { outcome: 'rejected', detail: `${detail} ${codeOf(text)}`.trim() };
  }
}

function messageIdOf(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'messageId' in parsed) return String(parsed.messageId);
  } catch {
    // A provider that answers 2xx without JSON still accepted the message.
  }
  return null;
}

/** The provider's error code, never its echo of the request (which holds the number). */
function codeOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'code' in parsed) return String(parsed.code).slice(0, 40);
  } catch {
    // No code to keep.
  }
  return '';
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
