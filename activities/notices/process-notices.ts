// Writes a process's notice to the outbox (process_notices) once per key; the notice dispatcher
// (./outbox.ts) delivers it with the transfer's notices. A retried write leaves the one row.
import type pg from 'pg';
import type { ProcessNotice } from '../../workflows/notices/process-notice';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** True when the notice is new, false when its key was already in the outbox. */
export async function enqueueProcessNotice(db: Queryable, n: ProcessNotice): Promise<boolean> {
  const result = await db.query(
    `insert into process_notices (notice_key, process_kind, process_id, credit_code, court, kind, recipient_kind, recipient,
       case_number, body, details)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict (notice_key) do nothing`,
    [n.noticeKey, n.processKind, n.processId, n.creditCode ?? null, n.court ?? null, n.kind, n.recipientKind, n.recipient,
      n.caseNumber ?? null, n.body, n.details === undefined ? null : JSON.stringify(n.details)],
  );
  return (result.rowCount ?? 0) > 0;
}

export function createProcessNoticeActivities({ pool }: { pool: pg.Pool }) {
  return {
    async enqueueProcessNotice(notice: ProcessNotice): Promise<boolean> {
      return enqueueProcessNotice(pool, notice);
    },
  };
}
