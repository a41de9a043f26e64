// Pure: turns the measures reaching their reminder dates into one digest per recipient — each
// court's supervisor (执行指挥中心) and each handling officer — so nobody depends on opening a page,
// and each digest into the notice that carries it to its recipient.
import type { ProcessNotice } from '../notices/process-notice';
import { cstMinute } from './applicant-notices';

export interface ExpiringMeasure {
  preservationId: string;
  measureId: string;
  court: string;
  kind: string;
  asset: string;
  /** The handling officer; none for a seizure recorded without one. */
  officer: string | null;
  caseNumber: string | null;
  expiresAt: string;
  renewBy: string;
  /** Who holds the seizure now (seizure register): the preservation, enforcement after conversion, or a transfer under review. */
  holder?: SeizureHolder;
  transferId?: string | null;
}

export type SeizureHolder = 'preservation' | 'enforcement' | 'transfer';

export const holderLabels: Record<SeizureHolder, string> = {
  preservation: '保全中',
  enforcement: '已转执行',
  transfer: '执转破审查中，由执行法院续行',
};

export interface DigestItem {
  preservationId: string;
  measureId: string;
  kind: string;
  asset: string;
  caseNumber: string | null;
  expiresAt: string;
  renewBy: string;
  holder: SeizureHolder;
  /** 待申请续行 before the renewal lead, 即将失效 once it has passed unrenewed. */
  status: 'renewal_due' | 'lapse_imminent';
  label: string;
}

export interface ReminderDigest {
  recipient: string;
  recipientRole: 'supervisor' | 'enforcement_officer';
  court: string;
  items: DigestItem[];
}

function itemOf(measure: ExpiringMeasure, nowMs: number): DigestItem {
  const lapseImminent = Date.parse(measure.renewBy) < nowMs;
  return {
    preservationId: measure.preservationId,
    measureId: measure.measureId,
    kind: measure.kind,
    asset: measure.asset,
    caseNumber: measure.caseNumber,
    expiresAt: measure.expiresAt,
    renewBy: measure.renewBy,
    holder: measure.holder ?? 'preservation',
    status: lapseImminent ? 'lapse_imminent' : 'renewal_due',
    label: lapseImminent ? '续行申请期已过，措施即将失效' : '保全措施即将到期，请及时申请续行',
  };
}

export function reminderDigests(measures: readonly ExpiringMeasure[], nowMs: number): ReminderDigest[] {
  const digests = new Map<string, ReminderDigest>();
  const add = (recipient: string, recipientRole: ReminderDigest['recipientRole'], measure: ExpiringMeasure) => {
    const digest = digests.get(recipient) ?? { recipient, recipientRole, court: measure.court, items: [] };
    digest.items.push(itemOf(measure, nowMs));
    digests.set(recipient, digest);
  };
  for (const measure of measures) {
    add(`supervisor:${measure.court}`, 'supervisor', measure);
    if (measure.officer) add(`officer:${measure.officer}`, 'enforcement_officer', measure);
  }
  return [...digests.values()];
}

function greeting(digest: ReminderDigest): string {
  return digest.recipientRole === 'supervisor'
    ? `${digest.court}执行指挥中心`
    : `承办人${digest.recipient.replace(/^officer:/u, '')}`;
}

/** The digest as a notice: one per recipient and sweep date, so a re-run of that date sends nothing new. */
export function digestNotice(sweepDate: string, digest: ReminderDigest): ProcessNotice {
  const lines = digest.items.map((item, i) => `${i + 1}. ${item.caseNumber ?? item.preservationId} 措施${item.measureId}（${item.asset}）`
    + `将于${cstMinute(item.expiresAt)}到期，续行申请截止${cstMinute(item.renewBy)}：${item.label}`
    + (item.holder === 'preservation' ? '' : `（${holderLabels[item.holder]}）`));
  return {
    noticeKey: `expiry-sweep:${sweepDate}:${digest.recipient}`, processKind: 'expiry_sweep', processId: `expiry-sweep-${sweepDate}`,
    kind: 'expiry_digest', recipientKind: 'staff', recipient: digest.recipient, court: digest.court,
    body: [`${greeting(digest)}：${sweepDate}保全措施到期提醒，共${digest.items.length}项，请督促申请人在续行期限前申请续行`
      + '（民诉法解释第四百八十五条，财产保全规定第十八条）。', ...lines].join('\n'),
    details: { sweepDate, recipientRole: digest.recipientRole, items: digest.items },
  };
}
