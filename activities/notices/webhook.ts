// The signed webhook channel: each notice is POSTed as JSON to NOTICE_WEBHOOK_URL. The receiver
// checks `X-Courtrelay-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` (and that the
// timestamp is recent), and drops a repeat by `Idempotency-Key`, the notice's event key: a notice
// re-sent after a worker died between sending and recording is then delivered once.
import { createHmac } from 'node:crypto';
import type { DeliveryReceipt, NoticeChannel, OutgoingNotice } from './channel';

export const signatureHeader = 'x-courtrelay-signature';
export const timestampHeader = 'x-courtrelay-timestamp';
export const eventIdHeader = 'x-courtrelay-event-id';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Header values are ASCII: anything else in a key (a party id in Chinese) is percent-encoded. */
export function headerSafe(key: string): string {
  return key.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
}

export function webhookChannel(options: { url: string; secret: string; timeoutMs?: number }): NoticeChannel {
  return {
    name: 'webhook',
    async deliver(notice: OutgoingNotice): Promise<DeliveryReceipt> {
      const body = JSON.stringify({ eventId: notice.eventKey, ...notice });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const key = headerSafe(notice.eventKey);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': key,
          [eventIdHeader]: key,
          [timestampHeader]: timestamp,
          [signatureHeader]: signWebhook(options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const answer = (await response.text()).slice(0, 500);
      if (!response.ok) throw new Error(`webhook answered ${response.status}: ${answer}`);
      return { channel: 'webhook', receipt: `${response.status} ${answer}`.trim() };
    },
  };
}
