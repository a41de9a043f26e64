// The transfer read model in PostgreSQL, written from the workflow's state after every act.
// Idempotent: a sync carries the workflow's sequence number and a retried or late sync of an older
// state changes nothing; notices are queued once per key (outbox).
import type pg from 'pg';
import type { Notice, TransferState } from '../../workflows/transfer/state';
import { inTransaction } from '../../infra/db/database';
import { recordBarInTransaction } from './bars';
import { transferChildRows, transferRow, upsertRow } from './read-model-rows';

export interface TransferSync {
  workflowId: string;
  runId: string;
  triggeredAt: string;
  overdue: boolean;
  nextDueAt?: string;
  state: Omit<TransferState, 'notices' | 'history'>;
}

export interface NoticeBatch {
  creditCode: string;
  notices: Notice[];
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Writes the read model inside the caller's transaction; false (nothing written) when the same
 * run's row already holds this state or a newer one.
 */
export async function syncTransferInTransaction(client: Pick<pg.PoolClient, 'query'>, sync: TransferSync): Promise<boolean> {
  const existing = await client.query<{ run_id: string; version: number }>(
    'select run_id, version from transfers where credit_code = $1 for update', [sync.state.creditCode],
  );
  const row = existing.rows[0];
  if (row && row.run_id === sync.runId && row.version >= sync.state.seq) return false;
  const q: Query = (sql, params) => client.query(sql, params);
  // Every column of every row is set from the state (./read-model-rows.ts), which --deep reads too.
  for (const r of [transferRow(sync.state, sync), ...transferChildRows(sync.state)]) await upsertRow(q, r);
  await recordBarInTransaction(client, sync);
  return true;
}

/** Queues notices in the outbox, once per key; returns how many were new. */
export async function queueNotices(client: Pick<pg.PoolClient, 'query'>, { creditCode, notices }: NoticeBatch): Promise<number> {
  let queued = 0;
  for (const n of notices) {
    const result = await client.query(
      `insert into transfer_notices (notice_key, credit_code, kind, recipient_kind, recipient, case_number, body)
       values ($1,$2,$3,$4,$5,$6,$7) on conflict (notice_key) do nothing`,
      [n.noticeKey, creditCode, n.kind, n.recipientKind, n.recipient, n.caseNumber ?? null, n.body],
    );
    queued += result.rowCount ?? 0;
  }
  return queued;
}

export function createTransferActivities(deps: { pool: pg.Pool }) {
  return {
    /** Mirrors the workflow's state into the read model; returns false when a newer state is already there. */
    async syncTransfer(sync: TransferSync): Promise<boolean> {
      return inTransaction(deps.pool, async (client) => {
        const written = await syncTransferInTransaction(client, sync);
        return written;
      });
    },

    /** Queues notices in the outbox, once per key; returns how many were new. */
    async queueTransferNotices(batch: NoticeBatch): Promise<number> {
      return queueNotices(deps.pool, batch);
    },
  };
}

export type TransferActivities = ReturnType<typeof createTransferActivities>;
