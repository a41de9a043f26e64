// audit:verify --deep against real preservation workflows: a worker-role insider who pushes a
// seizure's expiry out ten years, moves a measure's expiry, or marks a running term's deadline met
// is named, row and column; so is any other column of the preservations row and a consultation row
// the workflow does not hold; untouched rows pass. Rows are aged (updated_at) as a superuser to step
// past the grace the check gives rows written in the last minutes.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { recordMeasureUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import { verifyAuditTrail, type Finding } from '../../infra/audit/verify';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { application, eventually, judge, officer, clerk, startPreservation } from '../fixtures/preservation';
import { newCreditCode } from '../fixtures/transfer';

const taskQueue = uniqueTaskQueue('pres-deep');
const h = useWorkerHarness({ taskQueue });
let worker: pg.Pool;
beforeAll(() => {
  worker = actAsRole(createPool(h.db.url, 2), workerRole);
});
afterAll(async () => worker?.end());

// A freeze of 36 500 compressed days (about an hour): no reminder, renewal lead or lapse moves it during the test.
const longFreeze: StatuteProfile = {
  ...compressed, measureLifetime: { ...compressed.measureLifetime, bank_deposit: { ...compressed.measureLifetime.bank_deposit, amount: 36_500 } },
};

async function ageRows(preservationId: string): Promise<void> {
  for (const table of ['preservations', 'preservation_measures', 'seizures']) {
    await h.db.pool.query(`update ${table} set updated_at = now() - interval '1 hour' where preservation_id = $1`, [preservationId]);
  }
  await h.db.pool.query("update deadlines set updated_at = now() - interval '1 hour' where process_id = $1", [preservationId]);
}

const deep = () => verifyAuditTrail(h.db.pool, undefined, undefined, { deep: true, temporal: h.client });

describe('audit:verify --deep, the preservation read model and the seizure register', () => {
  it('passes rows that match the workflow and names each row a worker-role insider changed', async () => {
    const creditCode = newCreditCode();
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初901号', security: undefined,
        respondent: { partyId: `debtor-${creditCode.slice(-6)}`, name: '乙公司', creditCode } }), clerk, longFreeze);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
    await handle.executeUpdate(recordMeasureUpdate, {
      args: [{ actor: officer, measureId: 'freeze', kind: 'bank_deposit', asset: '基本存款账户', location: '某银行朝阳支行', rank: 1 }],
    });
    const seizureKey = `${preservationId}:freeze`;
    await eventually(async () => ((await h.db.pool.query('select 1 from seizures where seizure_key = $1 and term = 1', [seizureKey])).rowCount ? true : undefined), 20_000);
    const termDeadline = await eventually(async () => (await h.db.pool.query<{ deadline_key: string }>(
      "select deadline_key from deadlines where process_id = $1 and name = 'measure:freeze' and status = 'open'", [preservationId])).rows[0]?.deadline_key, 20_000);

    // Clean once the workflow's writes have caught up (each aged past the grace).
    const mine = (findings: Finding[]) => findings.filter((f) => f.processId === preservationId);
    await expect.poll(async () => {
      await ageRows(preservationId);
      return mine((await deep()).findings);
    }, { timeout: 30_000, interval: 500 }).toEqual([]);
    expect((await deep()).preservationRows).toBeGreaterThanOrEqual(4);

    // As courtrelay_worker, which may write the read model: the insider's edits.
    await worker.query("update seizures set expires_at = expires_at + interval '10 years' where seizure_key = $1", [seizureKey]);
    await worker.query("update seizures set status = 'released' where seizure_key = $1", [seizureKey]);
    await worker.query("update preservation_measures set expires_at = expires_at + interval '1 year' where preservation_id = $1", [preservationId]);
    await worker.query("update deadlines set status = 'met' where deadline_key = $1", [termDeadline]);
    await worker.query("update preservations set stage = 'closed' where preservation_id = $1", [preservationId]);
    // Columns and tables beyond the five first reconciled (issue 16, outside break): every column, and the consultations.
    await worker.query("update preservations set amount = 1 where preservation_id = $1", [preservationId]);
    await worker.query(`insert into preservation_consultations (preservation_id, consultation_id, question, asked_by, asked_at, due_at)
      values ($1, 'forged-1', '伪造的协商', 'someone', now(), now())`, [preservationId]);
    expect((await handle.query(statusQuery)).measures[0]).toMatchObject({ status: 'live', term: 1 });

    const found = mine((await deep()).findings).map((f) => [f.kind, f.message.split(' (')[0]!.replace(/, its workflow says.*/, '')]);
    expect(found).toEqual(expect.arrayContaining([
      ['changed', expect.stringMatching(new RegExp(`^preservations row ${preservationId}: stage is "closed"`))],
      ['changed', expect.stringMatching(/^preservation_measures row .*\/freeze: expires_at is /)],
      ['changed', `seizures row ${seizureKey}: status is "released"`],
      ['changed', expect.stringMatching(new RegExp(`^seizures row ${seizureKey}: expires_at is "20[3-9]\\d`))],
      ['changed', `deadlines row ${termDeadline}: status is "met"`],
      ['changed', `preservations row ${preservationId}: amount is "1"`],
      ['forged', `preservation_consultations row ${preservationId}/forged-1 is a row its workflow's state does not hold`],
    ]));
    expect(found).toHaveLength(7);
  });
});
