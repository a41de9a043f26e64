// Issue 13 for the preservation, statutory clock on the real server: the time to rule runs from the
// application's `appliedOn`, a measure is recorded with the day the bank or registry took it (before
// the ruling was recorded, never before the ruling itself), a pre-suit measure's 30 days run from
// that day, and a suit may be recorded with its postmark. Dates lie a few days before 2026-11-30.
import type { WorkflowHandle } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { statutory } from '../../workflows/clock/statute-profile';
import { recordMeasureUpdate, recordSuitFiledUpdate, reportExecutionUpdate, ruleUpdate, statusQuery } from '../../workflows/preservation/messages';
import type { PreservationState } from '../../workflows/preservation/types';
import { application, clerk, judge, officer, startPreservation } from '../fixtures/preservation';
import { recordHistory } from '../support/replay';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';

const h = useWorkerHarness({ taskQueue: uniqueTaskQueue('pres-legal') });
beforeAll(() => loadShippedCalendars(h.db.pool));

const saveHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_PRESERVATION_HISTORIES', handle.workflowId, `preservation-${scenario}`);
const status = (handle: WorkflowHandle) => handle.query<PreservationState>(statusQuery);
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));
const measure = { kind: 'bank_deposit' as const, asset: '基本存款账户', location: '某银行', rank: 1 };

describe('preservation legal dates (statutory clock, real Temporal)', () => {
  it('rules within 5 days of the application accepted on 11-23 (a Saturday last day moves to Monday 11-30); a freeze taken before the ruling was recorded is recordable, one before the ruling is not', async () => {
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ kind: 'in_suit', caseNumber: '(2026)京0105民初88号', appliedOn: '2026-11-23' }), clerk, statutory);
    await expect.poll(async () => (await status(handle)).deadlines[0]?.dueAt, { timeout: 10_000 }).toBe('2026-11-30T23:59:59.999+08:00');
    expect((await status(handle)).appliedOn).toBe('2026-11-23');
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '符合保全条件', ruledOn: '2026-11-24' }] });
    expect(await refusal(handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'M0', ...measure, takenOn: '2026-11-23' }] })))
      .toMatch(/^takenOn：2026-11-23早于ruledOn（保全裁定作出时间）（2026-11-24）/);
    await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'M1', ...measure, takenOn: '2026-11-25' }] });
    const s = await status(handle);
    // In time by its date, though recorded after the 5 days ended (patched 'ruling-late-by-date').
    expect(s.ruling).toMatchObject({ ruledOn: '2026-11-24', at: expect.any(String), late: false });
    // … and its period is closed as met, though it escalated before the ruling was recorded.
    await expect.poll(async () => (await h.db.pool.query(
      `select status from deadlines where process_id = $1 and name = 'preservationRuling'`, [handle.workflowId])).rows, { timeout: 10_000 })
      .toEqual([{ status: 'met' }]);
    // Carried out the day of the ruling and reported a week later: in time by its executedOn; one dated before the ruling is refused.
    expect(await refusal(handle.executeUpdate(reportExecutionUpdate, { args: [{ actor: officer, executedOn: '2026-11-23' }] })))
      .toMatch(/^executedOn：2026-11-23早于ruledOn（保全裁定作出时间）（2026-11-24）/);
    await handle.executeUpdate(reportExecutionUpdate, { args: [{ actor: officer, executedOn: '2026-11-24' }] });
    expect((await status(handle)).execution).toMatchObject({ executedOn: '2026-11-24', late: false });
    await expect.poll(async () => (await h.db.pool.query(
      `select status from deadlines where process_id = $1 and name = 'preservationExecution'`, [handle.workflowId])).rows, { timeout: 10_000 })
      .toEqual([{ status: 'met' }]);
    // The registry's day counts (民诉法解释 art. 485): one year from 11-25 ends at the end of 2027-11-24.
    expect(s.measures[0]).toMatchObject({ measureId: 'M1', takenAt: '2026-11-25T00:00:00.000+08:00', expiresAt: expect.stringMatching(/^2027-11-2[45]/) });
    await saveHistory(handle, 'legal-dates-measure-before-recording');
    await handle.terminate('test done');
  });

  it('a ruling dated after the 5 days is late, however soon it is recorded', async () => {
    // Applied Monday 11-02: the 5 days end Saturday 11-07, so on Monday 11-09; ruled 11-20.
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ kind: 'in_suit', caseNumber: '(2026)京0105民初89号', appliedOn: '2026-11-02' }), clerk, statutory);
    await expect.poll(async () => (await status(handle)).deadlines[0]?.dueAt, { timeout: 10_000 }).toBe('2026-11-09T23:59:59.999+08:00');
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '符合保全条件', ruledOn: '2026-11-20' }] });
    expect((await status(handle)).ruling).toMatchObject({ ruledOn: '2026-11-20', late: true });
    await handle.terminate('test done');
  });

  it('a pre-suit measure\'s 30 days run from the day it was taken; a suit filed with its postmark is recorded', async () => {
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ appliedOn: '2026-11-20T09:00+08:00' }), clerk, statutory);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '情况紧急', ruledOn: '2026-11-20T15:00+08:00' }] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'F1', ...measure, takenOn: '2026-11-21' }] });
    const preSuit = (await status(handle)).deadlines.find((d) => d.name === 'preSuitFiling');
    expect(preSuit?.dueAt).toBe('2026-12-21T23:59:59.999+08:00');
    await handle.executeUpdate(recordSuitFiledUpdate, { args: [{ actor: clerk, caseNumber: '(2026)京0105民初99号', forum: 'court', postedOn: '2026-11-27' }] });
    expect((await status(handle)).suitFiled).toMatchObject({ caseNumber: '(2026)京0105民初99号', postedOn: '2026-11-27' });
    await handle.terminate('test done');
  });
});
