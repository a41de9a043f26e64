// The deadline read model as a workflow reports it to PostgreSQL (supervisor lists, inboxes).
export type DeadlineStatus = 'open' | 'paused' | 'met' | 'overdue' | 'cancelled';

export interface DeadlineRecordInput {
  deadlineKey: string;
  processKind: 'transfer' | 'preservation';
  processId: string;
  name: string;
  /** Chinese label shown to court staff, e.g. 受理审查期限. */
  label: string;
  court?: string;
  officer?: string;
  dueAt: string;
  provisional: boolean;
  status: DeadlineStatus;
}

export interface EscalationInput {
  escalationKey: string;
  deadlineKey: string;
  processKind: 'transfer' | 'preservation';
  processId: string;
  court?: string;
  kind: 'reminder' | 'overdue' | 'lapse-imminent' | 'lapsed';
  message: string;
}
