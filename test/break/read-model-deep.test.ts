// Outside break of issue 16: `audit:verify --deep` must list every difference between the read model
// and the workflows' state. As courtrelay_worker (INSERT, UPDATE on the transfer tables) an insider
// can rename the debtor in transfer_parties (the console and lists show the new name), mark consents
// withdrawn in transfer_consents, or add another court to transfers.involved_courts — which makes
// that court's staff list the transfer (list scope reads the column). --deep compares only stage,
// courts, decision and docket numbers of `transfers`, so none of these is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScreeningUpdate } from '../../workflows/transfer/messages';
import { verifyAuditTrail } from '../../infra/audit/verify';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { act, actors, courts, enforcementCase, newCreditCode, screening, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';

let harness: TransferHarness;
beforeAll(async () => {
  harness = await startTransferHarness();
});
afterAll(async () => harness?.stop());

describe('audit:verify --deep and the transfer read model beyond `transfers` (issue 16, outside break)', () => {
  it.each([
    ['the debtor renamed in transfer_parties', "update transfer_parties set name = '张三（伪）' where credit_code = $1 and kind = 'debtor'"],
    ['another court added to involved_courts', "update transfers set involved_courts = involved_courts || '{BPC-310115}'::text[] where credit_code = $1"],
  ])('names %s by the worker role', async (_label, edit) => {
    const code = newCreditCode();
    const handle = await trigger(harness, triggerFor(code, [enforcementCase(courts.enforcement, ['c1'])]));
    await waitForStage(handle, 'screening');
    const ack = await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
    await expect.poll(async () => (await harness.db.pool.query('select version from transfers where credit_code = $1', [code])).rows[0]?.version,
      { timeout: 20_000 }).toBe(ack.seq);
    const deep = () => verifyAuditTrail(harness.db.pool, undefined, undefined, { deep: true, temporal: harness.client });
    const before = (await deep()).findings.filter((f) => f.processId === `transfer-${code}`);
    expect(before).toEqual([]);
    const worker = actAsRole(createPool(harness.db.url, 1), workerRole);
    const changed = await worker.query(edit, [code]);
    await worker.end();
    expect(changed.rowCount).toBe(1);
    const after = (await deep()).findings.filter((f) => f.processId === `transfer-${code}`);
    expect(after.length, 'the edit is named').toBeGreaterThan(0);
  });
});
