// The effects of a transfer's latest acts in one transaction: read model, the acts' audit entries
// (each under its own event key, chained in the order given) and the notices they send. The
// workflow runs it as a local activity, so an Update costs one PostgreSQL transaction instead of a
// server round trip per write. Idempotent like its parts: a stale sync writes nothing, an audit
// entry or notice already there is kept, so a retry after a crash repeats nothing.
import type pg from 'pg';
import type { AuditEntryInput } from '../../workflows/shared/audit';
import { appendAuditInTransaction } from '../audit';
import { queueNotices, syncTransferInTransaction, type NoticeBatch, type TransferSync } from './read-model';
import { inTransaction } from '../../infra/db/database';

export interface TransferEffects {
  sync: TransferSync;
  audits: AuditEntryInput[];
  notices?: NoticeBatch;
}

export interface WrittenEffects {
  synced: boolean;
  audited: number;
  queued: number;
  /**
   * Every audit row of the batch (written now or found written by an earlier attempt): its place in
   * the process chain and its hash. The result lands in the workflow's history, where
   * `audit:verify --temporal` reads it as Temporal's own witness of what the workflow wrote.
   */
  rows: Array<{ seq: number; hash: string }>;
}

export function createTransferEffectsActivities(deps: { pool: pg.Pool }) {
  return {
    async writeTransferEffects({ sync, audits, notices }: TransferEffects): Promise<WrittenEffects> {
      return inTransaction(deps.pool, async (client) => {
        const synced = await syncTransferInTransaction(client, sync);
        const queued = notices?.notices.length ? await queueNotices(client, notices) : 0;
        let audited = 0;
        const rows: WrittenEffects['rows'] = [];
        for (const entry of audits) {
          const row = await appendAuditInTransaction(client, entry);
          if (!row.duplicate) audited++;
          rows.push({ seq: row.seq, hash: row.hash });
        }
        return { synced, audited, queued, rows };
      });
    },
  };
}

export type TransferEffectsActivities = ReturnType<typeof createTransferEffectsActivities>;
