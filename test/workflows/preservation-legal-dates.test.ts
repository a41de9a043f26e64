// Issue 13 for the preservation, statutory clock on the real server: the time to rule runs from the
// application's `appliedOn`, a measure is recorded with the day the bank or registry took it (before
// the ruling was recorded, never before the ruling itself), a pre-suit measure's 30 days run from
// that day, and a suit may be recorded with its postmark. Dates lie a few days before 2026-11-30.
// Below them, dates counted back from today: a consultation's answer judged by the day it was
// received, a renewal by the day it was applied for, an urgent application dated by the day only.
import type { WorkflowHandle } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { addDays, cstDateOf } from '../../workflows/clock/cst';
import { compressed, statutory, type StatuteProfile } from '../../workflows/clock/statute-profile';
import {
  answerConsultationUpdate, consultUpdate, recordMeasureUpdate, recordSuitFiledUpdate, renewMeasureUpdate, reportExecutionUpdate, ruleUpdate, statusQuery,
} from '../../workflows/preservation/messages';
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

const today = () => cstDateOf(Date.now());
const daysAgo = (n: number) => addDays(today(), -n);
const deadlineStatus = async (handle: WorkflowHandle, key: string) => (await h.db.pool.query(
  'select status from deadlines where process_id = $1 and deadline_key = $2', [handle.workflowId, `${handle.workflowId}:${key}`])).rows[0]?.status as string | undefined;
const audited = async (handle: WorkflowHandle, action: string) => (await h.db.pool.query(
  'select details from audit_trail where process_id = $1 and action = $2 order by id', [handle.workflowId, action])).rows.map((r) => r.details as Record<string, unknown>);

describe('preservation acts judged by their legal dates (issue 13)', () => {
  it('an answer to a consultation is in time by the day it was received, though recorded after the 15 days ran out (patched consultation-answer-received-on)', async () => {
    // Compressed clock: the 15 days end within today, so the period escalates before the answer is
    // recorded; the answer received today is in time by its day, as one received 12-17 on a period
    // ending 12-17 is under the statutory clock, however late it is typed in.
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ kind: 'in_suit', caseNumber: '(2026)京0105民初90号' }), clerk, compressed);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '符合保全条件' }] });
    await handle.executeUpdate(consultUpdate, { args: [{ actor: officer, consultationId: 'Q1', question: '判决主文第二项的房产范围不明确' }] });
    await expect.poll(async () => (await status(handle)).consultations[0]?.escalated, { timeout: 15_000 }).toBe(true);
    // Refused, naming the field, and nothing recorded: received before the consultation was sent, or in the future.
    expect(await refusal(handle.executeUpdate(answerConsultationUpdate, { args: [{ actor: judge, consultationId: 'Q1', answer: '指朝阳区某号房产', receivedOn: daysAgo(1) }] })))
      .toMatch(new RegExp(`^receivedOn：${daysAgo(1)}早于askedAt（征询时间）（${today()}）`));
    expect(await refusal(handle.executeUpdate(answerConsultationUpdate, { args: [{ actor: judge, consultationId: 'Q1', answer: '指朝阳区某号房产', receivedOn: addDays(today(), 1) }] })))
      .toMatch(/^receivedOn：\d{4}-\d{2}-\d{2}晚于当前时间，不能填写将来的日期/);
    expect((await status(handle)).consultations[0]).toMatchObject({ late: false, escalated: true });
    expect((await status(handle)).consultations[0]?.answer).toBeUndefined();
    await handle.executeUpdate(answerConsultationUpdate, { args: [{ actor: judge, consultationId: 'Q1', answer: '指朝阳区某号房产', receivedOn: today() }] });
    expect((await status(handle)).consultations[0]).toMatchObject({ receivedOn: today(), answeredAt: expect.any(String), late: false, escalated: true });
    // The period is closed met by the day of receipt, the read model and the audit entry carry the day.
    await expect.poll(() => deadlineStatus(handle, 'consultation:Q1'), { timeout: 10_000 }).toBe('met');
    await expect.poll(async () => (await h.db.pool.query(
      'select received_on, late from preservation_consultations where preservation_id = $1', [handle.workflowId])).rows, { timeout: 10_000 })
      .toEqual([{ received_on: today(), late: false }]);
    expect(await audited(handle, 'preservation.answerConsultation')).toEqual([expect.objectContaining({ receivedOn: today(), late: false })]);
    await saveHistory(handle, 'legal-dates-consultation-received-on');
    await handle.terminate('test done');
  });

  it('a renewal is in time or late against the renew-by day by the day it was applied for, not its recording (patched renewal-applied-on)', async () => {
    // A 14-day bank freeze under the statutory clock, taken 10 days ago: it ends the day after
    // tomorrow, and its renew-by day (7 days before, moved back to a working day, 财产保全规定 art. 18)
    // has passed. Applied for the day after it was taken, the renewal recorded today is in time; one
    // applied for today is late (and still renewed: the measure is in effect).
    const law: StatuteProfile = {
      ...statutory, name: 'statutory-short-freeze',
      measureLifetime: { ...statutory.measureLifetime, bank_deposit: { ...statutory.measureLifetime.bank_deposit, amount: 14, unit: 'days' } },
    };
    const taken = daysAgo(10);
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ kind: 'in_suit', caseNumber: '(2026)京0105民初91号', appliedOn: daysAgo(11) }), clerk, law);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '符合保全条件', ruledOn: taken }] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'R1', ...measure, asset: '账户R1', takenOn: taken }] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'R2', ...measure, asset: '账户R2', takenOn: taken }] });
    const before = await status(handle);
    const renewBy = before.measures[0]!.renewBy;
    expect(before.measures[0]!.expiresAt).toBe(`${addDays(taken, 13)}T23:59:59.999+08:00`);
    expect(renewBy.slice(0, 10) < today()).toBe(true);
    // Refused, naming the field, and nothing renewed: applied before the measure was taken, or in the future.
    expect(await refusal(handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'R1', appliedOn: daysAgo(11) }] })))
      .toMatch(new RegExp(`^appliedOn：${daysAgo(11)}早于takenAt（采取措施时间）（${taken}）`));
    expect(await refusal(handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'R1', appliedOn: addDays(today(), 1) }] })))
      .toMatch(/^appliedOn：\d{4}-\d{2}-\d{2}晚于当前时间，不能填写将来的日期/);
    expect((await status(handle)).measures.map((m) => [m.term, m.renewal])).toEqual([[1, undefined], [1, undefined]]);
    await handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'R1', appliedOn: addDays(taken, 1) }] });
    await handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'R2', appliedOn: today() }] });
    const after = await status(handle);
    expect(after.measures.map((m) => ({ term: m.term, renewal: m.renewal }))).toEqual([
      { term: 2, renewal: { appliedOn: addDays(taken, 1), renewBy, late: false, recordedAt: expect.any(String) } },
      { term: 2, renewal: { appliedOn: today(), renewBy, late: true, recordedAt: expect.any(String) } },
    ]);
    await expect.poll(async () => (await h.db.pool.query(
      'select measure_id, renewal_applied_on, renewal_late from preservation_measures where preservation_id = $1 order by measure_id', [handle.workflowId])).rows, { timeout: 10_000 })
      .toEqual([
        { measure_id: 'R1', renewal_applied_on: addDays(taken, 1), renewal_late: false },
        { measure_id: 'R2', renewal_applied_on: today(), renewal_late: true },
      ]);
    expect(await audited(handle, 'preservation.renewMeasure')).toEqual([
      expect.objectContaining({ appliedOn: addDays(taken, 1), renewBy, late: false }),
      expect.objectContaining({ appliedOn: today(), renewBy, late: true }),
    ]);
    await saveHistory(handle, 'legal-dates-renewal-applied-on');
    await handle.terminate('test done');
  });

  it('48 hours to rule on an urgent application accepted on a day, no hour given, run from 24:00 of that day (patched urgent-ruling-from-day-end)', async () => {
    // 民事诉讼法 art. 85 (DOMAIN.md "Statutory periods"): the starting hour and day are not counted.
    // Accepted on day d with no hour: from 24:00 of d, so the 48 hours end at 24:00 of d + 2 (not at
    // 01:00 of d + 2, counted from 00:00 of d); an hour period is not moved off rest days.
    const accepted = daysAgo(6);
    const { handle } = await startPreservation(h.client, h.taskQueue,
      application({ kind: 'in_suit', urgent: true, caseNumber: '(2026)京0105民初92号', appliedOn: accepted }), clerk, statutory);
    await expect.poll(async () => (await status(handle)).deadlines[0]?.dueAt, { timeout: 10_000 }).toBe(`${addDays(accepted, 2)}T23:59:59.999+08:00`);
    expect((await status(handle)).deadlines[0]).toMatchObject({ name: 'preservationRulingUrgent' });
    await expect.poll(async () => (await h.db.pool.query(
      'select applied_on from preservations where preservation_id = $1', [handle.workflowId])).rows, { timeout: 10_000 }).toEqual([{ applied_on: accepted }]);
    // Ruled on d + 2: in time by its date; a ruling before the application is refused, naming both.
    expect(await refusal(handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '情况紧急', ruledOn: daysAgo(7) }] })))
      .toMatch(new RegExp(`^ruledOn：${daysAgo(7)}早于appliedOn（受理申请时间）（${accepted}）`));
    expect((await status(handle)).stage).toBe('awaiting_ruling');
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '情况紧急', ruledOn: addDays(accepted, 2) }] });
    expect((await status(handle)).ruling).toMatchObject({ ruledOn: addDays(accepted, 2), late: false });
    await expect.poll(() => deadlineStatus(handle, 'ruling'), { timeout: 10_000 }).toBe('met');
    await saveHistory(handle, 'legal-dates-urgent-day-end');
    await handle.terminate('test done');
  });

  it('an urgent application a day later than the 48 hours from 24:00 is ruled late; one given with its hour counts from the next full hour', async () => {
    const accepted = daysAgo(6);
    const late = await startPreservation(h.client, h.taskQueue,
      application({ kind: 'in_suit', urgent: true, caseNumber: '(2026)京0105民初93号', appliedOn: accepted }), clerk, statutory);
    await late.handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '情况紧急', ruledOn: addDays(accepted, 3) }] });
    expect((await status(late.handle)).ruling).toMatchObject({ late: true });
    await late.handle.terminate('test done');
    const timed = await startPreservation(h.client, h.taskQueue,
      application({ kind: 'in_suit', urgent: true, caseNumber: '(2026)京0105民初94号', appliedOn: `${accepted}T21:00+08:00` }), clerk, statutory);
    await expect.poll(async () => (await status(timed.handle)).deadlines[0]?.dueAt, { timeout: 10_000 }).toBe(`${addDays(accepted, 2)}T22:00:00.000+08:00`);
    await timed.handle.terminate('test done');
  });
});
