// GO art. 19's "no second transfer for that debtor" held by PostgreSQL, not by Temporal's
// retention: a rejected transfer is run to its end, its closed run deleted from Temporal with the
// CLI (what retention does after TEMPORAL_RETENTION_DAYS), and a new trigger is still refused.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { barOf } from '../../activities/transfer/bars';
import type { TransferSync } from '../../activities/transfer/read-model';
import { temporalCliPath } from '../../infra/paths';
import {
  docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate, recordReturnUpdate, recordScreeningUpdate,
  recordServiceUpdate, rejectUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import { chinaToday,
  act, actors, courts, enforcementCase, newCreditCode, profile, proposal, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const run = promisify(execFile);

async function deleteFromTemporal(workflowId: string): Promise<void> {
  await run(temporalCliPath, ['workflow', 'delete', '--address', inject('temporalAddress'), '--namespace', 'default', '--workflow-id', workflowId]);
  // Deletion is carried out by the server in the background; on a busy machine that took over 30 s.
  await vi.waitFor(async () => {
    await expect(h.client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  }, { timeout: 120_000, interval: 500 });
}

describe('the durable bar (GO art. 19) in PostgreSQL', () => {
  it('a debtor whose rejection took effect stays barred after Temporal deleted the closed run', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['b1'])]);
    const handle = await trigger(h, body, profile(300));
    await waitForStage(handle, 'screening');
    await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await act(handle, recordConsentUpdate, { actor: actors.party('b1'), partyId: 'b1', consents: true, documentRef: 'doc:consent-b1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移8号' });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2025)京01破申18号' });
    const s = await waitForStage(handle, 'under_review');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申18号之一', reasons: '被执行人资产足以清偿' });
    await act(handle, recordServiceUpdate, {
      actor: actors.judge, document: 'ruling', servedPartyIds: s.parties.map((p) => p.partyId), servedOn: chinaToday(),
    });
    // The bar is written with the read model as the rejection takes effect, before the run ends.
    await vi.waitFor(async () => {
      const { rows } = await h.db.pool.query('select reason, ruling_number, workflow_id from transfer_bars where credit_code = $1', [code]);
      expect(rows).toEqual([{ reason: 'rejection_effective', ruling_number: '(2025)京01破申18号之一', workflow_id: handle.workflowId }]);
    }, { timeout: 20_000, interval: 100 });
    expect((await status(handle)).ruling?.effectiveAt).toEqual(expect.any(String));
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: [], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });

    await deleteFromTemporal(handle.workflowId);
    await expect(trigger(h, body)).rejects.toMatchObject({ status: 409, body: { error: 'TransferBarred' } });
    await expect(trigger(h, body)).rejects.toThrow(/不予受理裁定已生效（\(2025\)京01破申18号之一，\d{4}-\d{2}-\d{2}）/);

    // Without the bar nothing else would refuse it now: Temporal alone starts a new run under the ID.
    const fresh = await h.client.workflow.start('transferWorkflow', {
      taskQueue: `${h.taskQueue}-idle`, workflowId: handle.workflowId, args: [{}],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
    await fresh.terminate('test: only shows the ID is free again in Temporal');

    // A bar is for ever: the table refuses change and removal.
    await expect(h.db.pool.query('delete from transfer_bars where credit_code = $1', [code])).rejects.toThrow(/append-only/);
    await expect(h.db.pool.query(`update transfer_bars set reason = 'bankruptcy_declared' where credit_code = $1`, [code])).rejects.toThrow(/append-only/);
  }, 300_000);

  it('bankruptcy declared bars as well; an accepted transfer, or a rejection overturned or not yet in effect, does not', () => {
    const sync = (state: Partial<TransferSync['state']>): TransferSync => ({
      workflowId: 'transfer-X', runId: 'run-1', triggeredAt: '2025-10-01T00:00:00.000Z', overdue: false,
      state: { creditCode: 'X', stage: 'under_review', ...state } as TransferSync['state'],
    });
    const ruled = { rulingNumber: '(2025)京01破申1号', ruledAt: '2025-10-01T02:00:00.000Z' };
    expect(barOf(sync({ stage: 'rejected', ruling: { kind: 'rejected', ...ruled } }))).toBeUndefined();
    expect(barOf(sync({ stage: 'accepted', ruling: { kind: 'accepted', ...ruled, effectiveAt: '2025-10-20T02:00:00.000Z' } }))).toBeUndefined();
    expect(barOf(sync({ stage: 'rejected', ruling: { kind: 'rejected', ...ruled, effectiveAt: '2025-10-20T02:00:00.000Z' } })))
      .toMatchObject({ reason: 'rejection_effective', rulingNumber: ruled.rulingNumber, barredAt: '2025-10-20T02:00:00.000Z' });
    expect(barOf(sync({
      stage: 'bankruptcy_declared', ruling: { kind: 'accepted', ...ruled },
      declaration: { rulingNumber: '(2025)京01破3号', kind: 'bankruptcy', declaredAt: '2025-12-01T02:00:00.000Z' },
    }))).toMatchObject({ reason: 'bankruptcy_declared', rulingNumber: '(2025)京01破3号' });
  });
});
