// audit:verify --deep against a real workflow: a transfers row moved to another stage behind the
// workflow's back (issue 16: `update transfers set stage = 'accepted'`) is named, as is a row with
// no workflow behind it; the untouched row passes. Beyond `transfers`, every table the sync writes
// (issue 16, outside break: as courtrelay_worker the debtor was renamed in transfer_parties, consents
// marked withdrawn and another court added to involved_courts — shown by the console and the lists,
// unnamed by --deep): each edit is named by table, row and column.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { verifyAuditTrail, type Finding } from '../../infra/audit/verify';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { act, actors, courts, enforcementCase, newCreditCode, profile, screening, status, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

// A day a minute: no deadline falls due while the test edits, so the workflow holds still (on the
// compressed default the consent period ran out within seconds, its sync undoing the test's edit).
const slow = profile(60_000);

let harness: TransferHarness;
beforeAll(async () => {
  harness = await startTransferHarness();
});
afterAll(async () => harness?.stop());

/**
 * Waits until the row holds the workflow's latest version, not only the act's: effects after the
 * act (its documents, notices) sync again, and a sync landing after the test's edit would undo it
 * (seen on a busy machine: the row behind its workflow was written over before the check ran).
 */
async function readModelCaughtUp(handle: WorkflowHandle, code: string, seq: number): Promise<void> {
  await expect.poll(async () => {
    const latest = Math.max(seq, (await status(handle)).seq);
    const { rows } = await harness.db.pool.query<{ version: number }>('select version from transfers where credit_code = $1', [code]);
    return rows[0]?.version === latest;
  }, { timeout: 20_000 }).toBe(true);
}

describe('audit:verify --deep, the transfers read model', () => {
  it('passes rows that match their workflow, names a changed stage and a row without a workflow', async () => {
    const code = newCreditCode();
    const handle = await trigger(harness, triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]), slow);
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await readModelCaughtUp(handle, code, ack.seq);
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

  // A row behind its workflow is not compared (its write may be on its way); before, it was never
  // compared at all, so lowering `version` hid any other edit of the row from the check.
  it('names a row kept behind its workflow past the grace, and lists one just written as not judged', async () => {
    const code = newCreditCode();
    const handle = await trigger(harness, triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]), slow);
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await readModelCaughtUp(handle, code, ack.seq);
    const mine = async () => {
      const report = await verifyAuditTrail(harness.db.pool, undefined, undefined, { deep: true, temporal: harness.client });
      return { findings: report.findings.filter((f) => f.processId === `transfer-${code}`), behind: report.transfersBehind ?? [] };
    };
    await harness.db.pool.query("update transfers set stage = 'accepted', version = version - 1, updated_at = now() where credit_code = $1", [code]);
    const fresh = await mine();
    expect(fresh.findings).toEqual([]);
    expect(fresh.behind).toContain(`transfer-${code}`);

    await harness.db.pool.query("update transfers set updated_at = now() - interval '10 minutes' where credit_code = $1", [code]);
    const stale = await mine();
    expect(stale.behind).not.toContain(`transfer-${code}`);
    expect(stale.findings).toEqual([expect.objectContaining({ kind: 'missing', table: 'transfers', column: 'version',
      message: expect.stringContaining('读模型落后于流程') })]);
  });
});

const withProperty = (code: string) => triggerFor(code, [enforcementCase(courts.enforcement, ['c1', 'c2'], [
  { itemId: 'p-cash', kind: 'money', description: '执行款5万元', status: 'held', perishable: false },
])]);


describe('audit:verify --deep, every table of the transfer read model, edited as courtrelay_worker', () => {
  const where = 'credit_code = $1';
  // The worker's role inserts and updates the read model; deleting takes the owner (or a superuser).
  it.each<[string, string, Partial<Finding>]>([
    ['the debtor renamed in transfer_parties', `update transfer_parties set name = '张三（伪）' where ${where} and kind = 'debtor'`,
      { kind: 'changed', table: 'transfer_parties', column: 'name' }],
    ['a consent marked withdrawn in transfer_consents', `update transfer_consents set reply = 'withdrawn' where ${where} and party_id = 'c1'`,
      { kind: 'changed', table: 'transfer_consents', row: expect.stringContaining('/c1') as string, column: 'reply' }],
    ['another court added to involved_courts', `update transfers set involved_courts = involved_courts || '{BPC-310115}'::text[] where ${where}`,
      { kind: 'changed', table: 'transfers', column: 'involved_courts' }],
    ['a case\'s court changed in transfer_cases', `update transfer_cases set court = 'BPC-310115' where ${where}`,
      { kind: 'changed', table: 'transfer_cases', column: 'court' }],
    ['property marked paid out in transfer_property', `update transfer_property set status = 'paid_out' where ${where}`,
      { kind: 'changed', table: 'transfer_property', row: expect.stringContaining('/p-cash') as string, column: 'status' }],
    ['a party inserted into transfer_parties', `insert into transfer_parties (credit_code, party_id, name, kind) values ($1, 'x9', '伪债权人', 'applicant')`,
      { kind: 'forged', table: 'transfer_parties', row: expect.stringContaining('/x9') as string }],
    ['a consent deleted from transfer_consents', `delete from transfer_consents where ${where} and party_id = 'c2'`,
      { kind: 'missing', table: 'transfer_consents', row: expect.stringContaining('/c2') as string }],
  ])('names %s', async (_label, edit, expected) => {
    const code = newCreditCode();
    const handle = await trigger(harness, withProperty(code), slow);
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await readModelCaughtUp(handle, code, ack.seq);
    const mine = async () => (await verifyAuditTrail(harness.db.pool, undefined, undefined, { deep: true, temporal: harness.client }))
      .findings.filter((f) => f.processId === `transfer-${code}`);
    expect(await mine()).toEqual([]);
    const editor = edit.startsWith('delete') ? createPool(harness.db.url, 1) : actAsRole(createPool(harness.db.url, 1), workerRole);
    const changed = await editor.query(edit, [code]).finally(() => editor.end());
    expect(changed.rowCount).toBe(1);
    expect(await mine()).toEqual([expect.objectContaining({ processId: `transfer-${code}`, ...expected })]);
  });
});
