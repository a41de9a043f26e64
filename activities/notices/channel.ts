// How a notice leaves courtrelay. The dispatcher hands each claimed notice to one NoticeChannel;
// the first real one is a signed webhook (./webhook.ts). Without NOTICE_WEBHOOK_URL notices are only
// recorded: marked delivered here, with nobody outside told (local set-ups, demos).
import type { Config } from '../../infra/config';
import { webhookChannel } from './webhook';

/**
 * One notice as it goes out. `eventKey` is the outbox key: the receiver drops a repeat of it.
 * `staff` is a court officer or a court's supervisor (the expiry sweep's digests); `creditCode` is
 * the debtor company's when the process has one; `details` carries structured items (a digest's measures).
 */
export interface OutgoingNotice {
  eventKey: string;
  processId: string;
  creditCode: string | null;
  kind: string;
  recipientKind: 'party' | 'court' | 'staff';
  recipient: string;
  caseNumber: string | null;
  body: string;
  details?: Record<string, unknown>;
  createdAt: string;
  attempt: number;
}

/** What the channel reports for a notice it delivered: its name and the receiver's answer. */
export interface DeliveryReceipt {
  channel: string;
  receipt: string;
}

export interface NoticeChannel {
  readonly name: string;
  /** Delivers or throws; a throw is retried later with the same event key. */
  deliver(notice: OutgoingNotice): Promise<DeliveryReceipt>;
}

export const recordOnlyChannel: NoticeChannel = {
  name: 'record-only',
  async deliver() {
    return { channel: 'record-only', receipt: 'recorded locally; NOTICE_WEBHOOK_URL is not set' };
  },
};

export function channelFromConfig(config: Pick<Config, 'NOTICE_WEBHOOK_URL' | 'NOTICE_WEBHOOK_SECRET'>): NoticeChannel {
  if (!config.NOTICE_WEBHOOK_URL) return recordOnlyChannel;
  if (!config.NOTICE_WEBHOOK_SECRET) {
    throw new Error('NOTICE_WEBHOOK_SECRET must be set with NOTICE_WEBHOOK_URL: the receiver verifies every notice by its signature');
  }
  return webhookChannel({ url: config.NOTICE_WEBHOOK_URL, secret: config.NOTICE_WEBHOOK_SECRET });
}
