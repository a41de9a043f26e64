// A notice a process other than the transfer decides to send (a preservation's reminder to its
// applicant, the expiry sweep's digest to court staff). The process renders it; the outbox
// (process_notices) keeps it once per key and the notice dispatcher delivers it.
export interface ProcessNotice {
  /** The outbox key and the receiver's Idempotency-Key: `<workflowId>:<step>` or the sweep's own. */
  noticeKey: string;
  processKind: 'preservation' | 'expiry_sweep';
  processId: string;
  kind: string;
  recipientKind: 'party' | 'court' | 'staff';
  recipient: string;
  body: string;
  creditCode?: string;
  court?: string;
  caseNumber?: string;
  details?: Record<string, unknown>;
}
