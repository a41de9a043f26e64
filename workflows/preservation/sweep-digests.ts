// Pure: turns the measures reaching their reminder dates into one digest per recipient — each
// court's supervisor (执行指挥中心) and each handling officer — so nobody depends on opening a page.
export interface ExpiringMeasure {
  preservationId: string;
  measureId: string;
  court: string;
  kind: string;
  asset: string;
  officer: string;
  caseNumber: string | null;
  expiresAt: string;
  renewBy: string;
}

export interface DigestItem {
  preservationId: string;
  measureId: string;
  kind: string;
  asset: string;
  caseNumber: string | null;
  expiresAt: string;
  renewBy: string;
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
    add(`officer:${measure.officer}`, 'enforcement_officer', measure);
  }
  return [...digests.values()];
}
