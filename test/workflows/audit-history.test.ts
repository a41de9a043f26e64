// audit:verify --temporal: the audit trail against Temporal's own history of each process, on a real
// server. A row forged with the seal key itself — correctly chained and sealed, so the chain and
// seal checks pass it — is an act no workflow history records, and is named; a deleted newest row
// and a row rewritten and resealed are named against the hash the history recorded.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../activities/audit';
import { auditRowHash } from '../../activities/audit-hash';
import { currentSealKey, sealRow } from '../../activities/audit-seal';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { verifyAuditTrail, type AuditRow } from '../../infra/audit/verify';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { act, actors, courts, enforcementCase, newCreditCode, profile, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { application, clerk, eventually, startPreservation } from '../fixtures/preservation';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

// A day a minute: no deadline falls due while the test tampers, so each chain holds still.
const slow = profile(60_000);
let harness: TransferHarness;
let workerPool: pg.Pool;
beforeAll(async () => {
  harness = await startTransferHarness();
  workerPool = actAsRole(createPool(harness.db.url, 2), workerRole);
});
afterAll(async () => {
  await workerPool?.end();
  await harness?.stop();
});

const withHistories = () => verifyAuditTrail(harness.db.pool, undefined, undefined, { histories: true, temporal: harness.client, historyGraceMinutes: 0 });
const withoutHistories = () => verifyAuditTrail(harness.db.pool);

async function chain(processId: string): Promise<AuditRow[]> {
  return (await harness.db.pool.query<AuditRow>('select * from audit_trail where process_id = $1 order by seq', [processId])).rows;
}

/** A superuser session with the append-only trigger off, as an attacker holding the database would act. */
async function asSuperuser(work: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const client = await harness.db.pool.connect();
  try {
    await client.query('set session_replication_role = replica');
    await work(client);
  } finally {
    await client.query('reset session_replication_role');
    client.release();
  }
}

describe('audit:verify --temporal, every act against its workflow\'s history', () => {
  let transferId: string;
  let preservationId: string;

  it('passes a transfer and a preservation whose rows are the ones their histories record', async () => {
    const code = newCreditCode();
    const handle = await trigger(harness, triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]), slow);
    transferId = handle.workflowId;
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await eventually(async () => ((await chain(transferId)).length >= ack.seq ? true : undefined), 20_000);
    const started = await startPreservation(harness.client, harness.taskQueue, application(), clerk, slow);
    preservationId = started.preservationId;
    await eventually(async () => ((await chain(preservationId)).length >= 1 ? true : undefined), 20_000);

    const report = await withHistories();
    expect(report.findings).toEqual([]);
    expect(report.histories).toMatchObject({ processes: 2, unchecked: 0, beyondRetention: 0 });
    expect(report.histories!.runs).toBeGreaterThanOrEqual(2);
  });

  it('names a row forged with the seal key, which the chain and seal checks pass', async () => {
    const forged = await appendAuditEntry(workerPool, {
      eventKey: `${transferId}:forged`, processKind: 'transfer', processId: transferId,
      actor: actors.officer, action: 'consentWithdrawn', reason: '伪造的撤回', details: {}, occurredAt: new Date().toISOString(),
    });
    expect((await withoutHistories()).findings).toEqual([]);

    const report = await withHistories();
    expect(report.findings).toEqual([expect.objectContaining({
      kind: 'forged', processId: transferId, seq: forged.seq, rowId: forged.id, message: expect.stringContaining('consentWithdrawn'),
    })]);
  });

  it('names the newest row deleted, and a row rewritten, rechained and resealed with the seal key', async () => {
    const rows = await chain(transferId);
    const newestReal = rows[rows.length - 2]!;
    await asSuperuser((c) => c.query('delete from audit_trail where seq >= $2 and process_id = $1', [transferId, newestReal.seq]));
    // The head of the preservation's chain, so no later row's link gives the rewrite away.
    const first = (await chain(preservationId)).at(-1);
    const rewritten = { ...first!, actor_id: 'someone-else' };
    const hash = auditRowHash(rewritten.process_prev_hash, {
      eventKey: rewritten.event_key, processKind: rewritten.process_kind, processId: rewritten.process_id, actorId: rewritten.actor_id,
      actorRole: rewritten.actor_role, actorCourt: rewritten.actor_court, action: rewritten.action, reason: rewritten.reason,
      details: rewritten.details, occurredAt: new Date(rewritten.occurred_at).toISOString(),
    });
    const seal = sealRow(currentSealKey(), preservationId, Number(first!.seq), hash);
    await asSuperuser((c) => c.query('update audit_trail set actor_id = $2, process_hash = $3, seal = $4 where id = $1', [first!.id, 'someone-else', hash, seal]));
    expect((await withoutHistories()).findings).toEqual([]);

    const report = await withHistories();
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'truncated', processId: transferId, seq: Number(newestReal.seq) }),
      expect.objectContaining({ kind: 'changed', processId: preservationId, seq: Number(first!.seq), rowId: Number(first!.id) }),
    ]));
    expect(report.findings).toHaveLength(2);
  });
});
