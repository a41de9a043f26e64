// The daily transfer-candidate sweep on a real Temporal server: its Schedule (catch-up window,
// overlap skip), the candidates it lists from imported cases, and one run — not two, not none —
// for a day missed while the service was down (backfilled as the server's catch-up would).
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertEnforcementCases } from '../../activities/candidates/cases';
import type { CandidateSweepResult } from '../../activities/candidates/worklist';
import { candidateSweepScheduleId, ensureCandidateSweepSchedule } from '../../infra/schedules/candidate-sweep';
import type { EnforcementCaseRow } from '../../api/schemas/candidates';
import { cstDateOf } from '../../workflows/clock/cst';
import { courts, enforcementCase, newCreditCode, trigger, triggerFor, waitForStage } from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { testConfig } from '../support/temporal';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
function row(court: string, debtorCreditCode: string, status: EnforcementCaseRow['status']): EnforcementCaseRow {
  seq++;
  return {
    court, caseNumber: `(2025)${court}执${500 + seq}号`, debtorCreditCode, debtorKind: 'enterprise_legal_person', applicantCount: 2,
    outstandingCents: 50_000_00, status, filedOn: '2025-02-01', ...(status === 'open' ? {} : { closedOn: '2025-08-01' }),
  };
}

describe('transfer-candidate sweep schedule', () => {
  it('is daily with catch-up and skip; a day missed during an outage runs once and lists the right candidates', async () => {
    const config = testConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue });
    const terminated = newCreditCode();
    const spread = newCreditCode();
    const alreadyTransferring = newCreditCode();
    const satisfied = newCreditCode();
    await upsertEnforcementCases(h.db.pool, [
      row(courts.enforcement, terminated, 'closed_no_property'),
      row(courts.enforcement, spread, 'open'), row(courts.third, spread, 'closed_other'), row(courts.second, spread, 'open'),
      row(courts.enforcement, alreadyTransferring, 'closed_no_property'),
      row(courts.enforcement, satisfied, 'satisfied'),
    ]);
    const running = await trigger(h, triggerFor(alreadyTransferring, [enforcementCase(courts.enforcement, ['c1'])]));
    await waitForStage(running, 'screening');

    const scheduleId = await ensureCandidateSweepSchedule(h.client, config);
    expect(scheduleId).toBe(candidateSweepScheduleId(config));
    expect(await ensureCandidateSweepSchedule(h.client, config)).toBe(scheduleId);
    const schedule = h.client.schedule.getHandle(scheduleId);
    try {
      const description = await schedule.describe();
      expect(description.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 7 * 24 * 3_600_000 });
      expect(description.spec.timezone).toBe('Asia/Shanghai');
      expect(description.action).toMatchObject({ workflowType: 'transferCandidateSweep', taskQueue: h.taskQueue });
      expect(description.info.recentActions).toHaveLength(0);

      // The service was down for the last 24 hours: the 06:30 run of that window is owed, once.
      const end = new Date();
      const start = new Date(end.getTime() - 24 * 3_600_000);
      await schedule.backfill([{ start, end, overlap: ScheduleOverlapPolicy.ALLOW_ALL }]);
      let actions = (await schedule.describe()).info.recentActions;
      for (let i = 0; i < 100 && actions.length === 0; i++) {
        await sleep(100);
        actions = (await schedule.describe()).info.recentActions;
      }
      await sleep(1_000);
      actions = (await schedule.describe()).info.recentActions;
      expect(actions).toHaveLength(1);
      const result = await h.client.workflow.getHandle(actions[0]!.action.workflow.workflowId).result() as CandidateSweepResult;
      // The run sweeps for the day it was due, not the day the outage ended.
      expect(result.sweepDate).toBe(cstDateOf(actions[0]!.scheduledAt.getTime()));
      expect(result).toMatchObject({ listed: 2, newlyListed: 2 });

      const { rows } = await h.db.pool.query(
        'select credit_code, status, courts, reasons, last_sweep_date::text as day from candidate_worklist order by credit_code');
      expect(rows.map((r) => r.credit_code).sort()).toEqual([terminated, spread].sort());
      const spreadRow = rows.find((r) => r.credit_code === spread)!;
      expect(spreadRow.courts).toEqual([courts.enforcement, courts.second].sort());
      expect(spreadRow.reasons).toEqual(['2个法院共2件执行案件未执行完毕']);
      expect(rows.find((r) => r.credit_code === terminated)!.reasons).toEqual(['终本案件1件（终结本次执行程序，无财产可供执行）']);
      expect(rows.every((r) => r.day === result.sweepDate)).toBe(true);
    } finally {
      await schedule.delete();
    }
  });
});
