// The durable bar of GO art. 19: once a ruling not to accept has taken effect (or the debtor has
// been declared bankrupt) no transfer may start again for that debtor. It is recorded in
// PostgreSQL (`transfer_bars`, append-only) in the same transaction as the read model that shows
// it, and read by the API at the trigger, so it holds after Temporal has deleted the closed run.
import type pg from 'pg';
import type { TransferSync } from './read-model';

export type BarReason = 'rejection_effective' | 'dismissal_effective' | 'bankruptcy_declared';

/** A debtor's bar as recorded: why, by which ruling, from which run, since when (ISO instant). */
export interface TransferBar {
  creditCode: string;
  reason: BarReason;
  rulingNumber: string;
  workflowId: string;
  runId: string;
  barredAt: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The bar a transfer's state amounts to, if any: a rejection or dismissal that took effect, or bankruptcy declared. */
export function barOf(sync: TransferSync): TransferBar | undefined {
  const s = sync.state;
  const base = { creditCode: s.creditCode, workflowId: sync.workflowId, runId: sync.runId };
  if (s.ruling?.kind === 'rejected' && s.ruling.effectiveAt) {
    return { ...base, reason: 'rejection_effective', rulingNumber: s.ruling.rulingNumber, barredAt: s.ruling.effectiveAt };
  }
  // GO art. 19 bars a second transfer after a dismissal as after a rejection (不予受理或驳回申请).
  if (s.ruling?.kind === 'dismissed' && s.ruling.effectiveAt) {
    return { ...base, reason: 'dismissal_effective', rulingNumber: s.ruling.rulingNumber, barredAt: s.ruling.effectiveAt };
  }
  if (s.stage === 'bankruptcy_declared' && s.declaration) {
    return { ...base, reason: 'bankruptcy_declared', rulingNumber: s.declaration.rulingNumber, barredAt: s.declaration.declaredAt };
  }
  return undefined;
}

/** Records the bar the synced state amounts to, once (a later sync of the same fact changes nothing). */
export async function recordBarInTransaction(client: Queryable, sync: TransferSync): Promise<void> {
  const bar = barOf(sync);
  if (!bar) return;
  await client.query(
    `insert into transfer_bars (credit_code, reason, ruling_number, workflow_id, run_id, barred_at)
     values ($1,$2,$3,$4,$5,$6) on conflict (credit_code) do nothing`,
    [bar.creditCode, bar.reason, bar.rulingNumber, bar.workflowId, bar.runId, bar.barredAt],
  );
}

/** The debtor's bar, if one is recorded. */
export async function findTransferBar(db: Queryable, creditCode: string): Promise<TransferBar | undefined> {
  const { rows } = await db.query<TransferBar & { barredAt: Date }>(
    `select credit_code as "creditCode", reason, ruling_number as "rulingNumber", workflow_id as "workflowId",
       run_id as "runId", barred_at as "barredAt" from transfer_bars where credit_code = $1`,
    [creditCode],
  );
  const row = rows[0];
  return row && { ...row, barredAt: new Date(row.barredAt).toISOString() };
}
