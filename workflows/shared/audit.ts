// The shape of one audit entry as a workflow hands it to the audit activity.
import type { Actor } from './actor';

export interface AuditEntryInput {
  /** Idempotency key: `<workflowId>:<step>`; a retried activity writes the row once. */
  eventKey: string;
  processKind: 'transfer' | 'preservation' | 'system';
  processId: string;
  actor: Actor;
  action: string;
  reason?: string;
  details?: Record<string, unknown>;
  occurredAt: string;
}
