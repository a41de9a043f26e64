// Notices the dispatcher could not deliver, for the supervisor to see, and the redelivery a
// supervisor orders: the notice goes back to pending with a fresh run of attempts, and the order
// (who, why, what had failed) lands in the audit trail in the same transaction.
import type pg from 'pg';
import type { NoticeListQuery, Redelivery, UndeliveredNotice } from '../../api/schemas/notices';
import type { Actor } from '../../workflows/shared/actor';
import { appendAuditInTransaction } from '../audit';
import { redeliveryEventKey } from '../audit-outside';
import { inTransaction } from '../../infra/db/database';

// Both outboxes with the court each notice belongs to: a transfer's enforcement court, or the
// court a process notice names (the preservation's, the expiry digest's).
const outboxWithCourt = `
  select 'transfer_notices'::text as outbox, n.notice_key, 'transfer'::text as process_kind, 'transfer-' || n.credit_code as process_id,
         t.home_court as court, n.kind, n.recipient_kind, n.recipient, n.case_number, n.status, n.attempts, n.last_error,
         n.next_attempt_at, n.claimed_until, n.created_at
    from transfer_notices n join transfers t on t.credit_code = n.credit_code
  union all
  select 'process_notices', notice_key, process_kind, process_id, court, kind, recipient_kind, recipient, case_number, status, attempts,
         last_error, next_attempt_at, claimed_until, created_at
    from process_notices`;

interface OutboxRow {
  outbox: UndeliveredNotice['outbox'];
  notice_key: string;
  process_kind: string;
  process_id: string;
  court: string | null;
  kind: string;
  recipient_kind: string;
  recipient: string;
  case_number: string | null;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  claimed_until: Date | null;
  created_at: Date;
}

function undelivered(r: OutboxRow): UndeliveredNotice {
  return {
    noticeKey: r.notice_key, outbox: r.outbox, processKind: r.process_kind, processId: r.process_id, court: r.court, kind: r.kind,
    recipientKind: r.recipient_kind, recipient: r.recipient, caseNumber: r.case_number, status: r.status as UndeliveredNotice['status'],
    attempts: r.attempts, lastError: r.last_error, nextAttemptAt: r.next_attempt_at.toISOString(), createdAt: r.created_at.toISOString(),
  };
}

/** Failed notices, or those still waiting (pending or being sent), oldest first; of one court or all. */
export async function listUndeliveredNotices(pool: pg.Pool, query: NoticeListQuery): Promise<UndeliveredNotice[]> {
  const statuses = query.status === 'failed' ? ['failed'] : ['pending', 'sending'];
  const { rows } = await pool.query<OutboxRow>(
    `select * from (${outboxWithCourt}) o where status = any($1) and ($2::text is null or court = $2)
      order by created_at, notice_key limit $3`,
    [statuses, query.court ?? null, query.limit],
  );
  return rows.map(undelivered);
}

/** Where a notice belongs (its process and court), or undefined when no outbox holds the key. */
export async function noticeOwner(pool: pg.Pool, noticeKey: string): Promise<{ processId: string; court: string | null } | undefined> {
  const { rows } = await pool.query<OutboxRow>(`select * from (${outboxWithCourt}) o where notice_key = $1`, [noticeKey]);
  return rows[0] && { processId: rows[0].process_id, court: rows[0].court };
}

export class NoticeRefused extends Error {
  constructor(readonly status: 404 | 409, message: string) {
    super(message);
  }
}

const auditKindOf = (processKind: string) => (processKind === 'transfer' || processKind === 'preservation' ? processKind : 'system');

/**
 * Back to pending, attempts reset, due now. A notice already waiting for its first send is left as
 * it is (a repeated order changes nothing and is not audited again); a delivered one, or one being
 * sent this moment, is refused.
 */
export async function redeliverNotice(pool: pg.Pool, noticeKey: string, reason: string, actor: Actor): Promise<Redelivery> {
  return inTransaction(pool, async (client) => {
    const found = await client.query<OutboxRow>(`select * from (${outboxWithCourt}) o where notice_key = $1`, [noticeKey]);
    const notice = found.rows[0];
    if (!notice) throw new NoticeRefused(404, `没有该通知 (no notice ${noticeKey})`);
    const locked = await client.query<{ status: OutboxRow['status']; attempts: number; last_error: string | null; next_attempt_at: Date }>(
      `select status, attempts, last_error, next_attempt_at from ${notice.outbox} where notice_key = $1 for update`, [noticeKey],
    );
    const now = locked.rows[0]!;
    if (now.status === 'delivered') throw new NoticeRefused(409, `该通知已送达，无需重新投递 (${noticeKey} was delivered)`);
    if (now.status === 'sending') throw new NoticeRefused(409, `该通知正在投递，请稍后查看结果 (${noticeKey} is being sent now)`);
    if (now.status === 'pending' && now.attempts === 0) {
      return { noticeKey, status: 'pending', attempts: 0, nextAttemptAt: now.next_attempt_at.toISOString(), redelivered: false };
    }
    const reset = await client.query<{ next_attempt_at: Date }>(
      `update ${notice.outbox} set status = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = null
        where notice_key = $1 returning next_attempt_at`,
      [noticeKey],
    );
    const earlier = await client.query<{ n: number }>(
      `select count(*)::int as n from audit_trail where process_id = $1 and action = 'redeliverNotice' and details->>'noticeKey' = $2`,
      [notice.process_id, noticeKey],
    );
    await appendAuditInTransaction(client, {
      eventKey: redeliveryEventKey(noticeKey, earlier.rows[0]!.n + 1), processKind: auditKindOf(notice.process_kind), processId: notice.process_id,
      actor, action: 'redeliverNotice', reason,
      details: { noticeKey, kind: notice.kind, recipient: notice.recipient, previousStatus: now.status, previousAttempts: now.attempts, lastError: now.last_error },
      occurredAt: new Date().toISOString(),
    });
    return { noticeKey, status: 'pending', attempts: 0, nextAttemptAt: reset.rows[0]!.next_attempt_at.toISOString(), redelivered: true };
  });
}
