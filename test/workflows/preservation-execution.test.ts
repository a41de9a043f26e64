// Carrying out a granted preservation ruling has its own deadline (issue 14; 民事诉讼法 art. 103:
// 立即开始执行): `preservationExecution` from the statute profile runs from the ruling, is met by the
// enforcement division's execution report, and is escalated to the supervisor when missed.
import { describe, expect, it } from 'vitest';
import { compressed, type StatuteProfile } from '../../workflows/clock/statute-profile';
import { closeUpdate, reportExecutionUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import { recordHistory } from '../support/replay';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { application, clerk, eventually, judge, officer, startPreservation, stateAfter } from '../fixtures/preservation';

const taskQueue = uniqueTaskQueue('execution');
const h = useWorkerHarness({ taskQueue });

/** The compressed profile with the execution period set to `days` (100 ms each). */
function executionOf(days: number): StatuteProfile {
  return { ...compressed, periods: { ...compressed.periods, preservationExecution: { ...compressed.periods.preservationExecution, amount: days, unit: 'days' } } };
}

const deadlineRow = async (key: string) => (await h.db.pool.query<{ status: string; label: string }>(
  'select status, label from deadlines where deadline_key = $1', [key])).rows[0];
const escalationsOf = async (key: string) => (await h.db.pool.query<{ kind: string; message: string }>(
  'select kind, message from escalations where deadline_key = $1 order by created_at', [key])).rows;

describe('the execution deadline of a granted ruling (民事诉讼法 art. 103)', () => {
  it('unreported, it is escalated as overdue; the late report closes it and is marked late', async () => {
    // One day (100 ms): missed before anyone can report.
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初81号', security: undefined }), clerk, executionOf(1));
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
    const key = `${preservationId}:execution`;
    const escalated = await eventually(async () => {
      const found = await escalationsOf(key);
      return found.some((e) => e.kind === 'overdue') ? found : undefined;
    });
    expect(escalated.find((e) => e.kind === 'overdue')!.message).toContain('逾期未报告执行完毕');
    expect(await eventually(async () => ((await deadlineRow(key))?.status === 'overdue' ? deadlineRow(key) : undefined)))
      .toMatchObject({ label: '保全裁定执行期限（立即执行）' });

    const reported = await stateAfter(handle, handle.executeUpdate(reportExecutionUpdate, { args: [{ actor: officer, note: '已查封' }] }));
    expect(reported.execution).toMatchObject({ by: officer.userId, late: true });
    expect(reported.deadlines.find((d) => d.name === 'preservationExecution')).toMatchObject({ completed: true, escalated: true });
    // A deadline met late stays on record as overdue.
    expect((await deadlineRow(key))!.status).toBe('overdue');
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'withdrawn', reason: '撤回' }] });
    await handle.result();
    await recordHistory('RECORD_PRESERVATION_HISTORIES', handle.workflowId, 'preservation-execution-overdue-reported');
  });

  it('reported in time, it is met and nothing is escalated', async () => {
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初82号', security: undefined }), clerk, executionOf(300));
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] }));
    const due = ruled.deadlines.find((d) => d.name === 'preservationExecution')!;
    expect(Date.parse(due.dueAt) - Date.parse(ruled.ruling!.at)).toBe(30_000);
    const key = `${preservationId}:execution`;
    await handle.executeUpdate(reportExecutionUpdate, { args: [{ actor: officer }] });
    const state = await handle.query(statusQuery);
    expect(state.execution).toMatchObject({ late: false });
    expect(await eventually(async () => ((await deadlineRow(key))?.status === 'met' ? true : undefined))).toBe(true);
    expect(await escalationsOf(key)).toEqual([]);
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'withdrawn', reason: '撤回' }] });
    await handle.result();
  });
});
