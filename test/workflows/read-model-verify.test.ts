// audit:verify --deep against a real workflow: a transfers row moved to another stage behind the
// workflow's back (issue 16: `update transfers set stage = 'accepted'`) is named, as is a row with
// no workflow behind it; the untouched row passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { verifyAuditTrail } from '../../infra/audit/verify';
import { act, actors, courts, enforcementCase, newCreditCode, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

let harness: TransferHarness;
beforeAll(async () => {
  harness = await startTransferHarness();
});
afterAll(async () => harness?.stop());

async function readModelCaughtUp(code: string, seq: number): Promise<void> {
  await expect.poll(async () => (await harness.db.pool.query('select version from transfers where credit_code = $1', [code])).rows[0]?.version,
    { timeout: 20_000 }).toBe(seq);
}

describe('audit:verify --deep, the transfers read model', () => {
  it('passes rows that match their workflow, names a changed stage and a row without a workflow', async () => {
    const code = newCreditCode();
    const handle = await trigger(harness, triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]));
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await readModelCaughtUp(code, ack.seq);
    const deep = () => verifyAuditTrail(harness.db.pool, undefined, undefined, { deep: true, temporal: harness.client });
    const clean = await deep();
    expect(clean.findings).toEqual([]);
    expect(clean.transfers).toBe(1);

    await harness.db.pool.query("update transfers set stage = 'accepted' where credit_code = $1", [code]);
    const ghost = newCreditCode();
    await harness.db.pool.query(
      `insert into transfers (credit_code, workflow_id, run_id, version, stage, stage_label, home_court, debtor_party_id, domicile_division_code, triggered_at)
       select $1, 'transfer-' || $1, run_id, 1, 'accepted', '已受理', home_court, 'debtor-x', domicile_division_code, now() from transfers where credit_code = $2`,
      [ghost, code],
    );
    const report = await deep();
    expect(report.findings).toHaveLength(2);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'changed', processId: `transfer-${code}`, message: expect.stringContaining('stage is "accepted"') }),
      expect.objectContaining({ kind: 'forged', processId: `transfer-${ghost}` }),
    ]));
  });
});
