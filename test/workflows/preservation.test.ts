// The preservation hand-off on a real Temporal server and PostgreSQL, compressed profile
// (100 ms a day: 48 hours = 200 ms, 30 days = 3 s, a bank freeze's term = 3 s).
import type { WorkflowHandle } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { seizuresForDebtor } from '../../activities/preservation/index';
import {
  answerConsultationUpdate, closeUpdate, consultUpdate, fileEnforcementUpdate, recordMeasureUpdate, recordRiskNoticeUpdate,
  recordSuitFiledUpdate, renewMeasureUpdate, ruleUpdate, statusQuery,
} from '../../workflows/preservation/messages';
import type { PreservationState } from '../../workflows/preservation/types';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';
import { compressed, statutory } from '../../workflows/clock/statute-profile';
import { measureTerm } from '../../workflows/clock/measure-term';
import { realCalendars } from '../support/calendars';
import {
  application, clerk, court, debtorCreditCode, eventually, judge, officer, sleep, startPreservation, stateAfter } from '../fixtures/preservation';
import { recordHistory } from '../support/replay';

const taskQueue = uniqueTaskQueue('preservation');
const h = useWorkerHarness({ taskQueue });

/** With RECORD_PRESERVATION_HISTORIES=1, saves a run's history for the replay test (test/histories). */
const saveHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_PRESERVATION_HISTORIES', handle.workflowId, `preservation-${scenario}`);

async function escalations(processId: string) {
  const { rows } = await h.db.pool.query<{ kind: string; deadline_key: string }>(
    'select kind, deadline_key from escalations where process_id = $1 order by created_at, escalation_key', [processId]);
  return rows;
}

async function measureRows(processId: string) {
  const { rows } = await h.db.pool.query('select * from preservation_measures where preservation_id = $1 order by measure_id', [processId]);
  return rows;
}

/** The workflow's refusal of an Update: its failure type and reason. */
async function refusal(update: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await update;
  } catch (err) {
    const cause = (err as { cause?: ApplicationFailure }).cause;
    return { type: cause?.type ?? undefined, message: cause?.message ?? String(err) };
  }
  throw new Error('the update was accepted');
}

const measure = (measureId: string, kind: 'bank_deposit' | 'real_estate' | 'movables', rank = 1, takenAt?: string) => ({
  actor: officer, measureId, kind, asset: `${kind}-${measureId}`, location: '北京市朝阳区', rank, ...(takenAt ? { takenAt } : {}),
});

describe('preservation hand-off (compressed profile)', () => {
  it('pre-suit: the filing desk rules within 48 hours and the ruling deadline is met', async () => {
    // 48 hours are 200 ms at 100 ms a day, less than a loaded machine may take to start a workflow
    // (2 s at 1 s a day was overtaken at a load of 16 on two cores); this one test runs the
    // compressed clock at 10 s a day so "in time" measures the rule, not the host.
    const msPerDay = 10_000;
    const slow = { ...compressed, clock: { mode: 'compressed' as const, msPerDay } };
    const { handle, preservationId } = await startPreservation(h.client, taskQueue, application(), clerk, slow);
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '符合诉前保全条件' }] }));
    expect(ruled.ruling).toMatchObject({ decision: 'granted', late: false, role: 'filing_clerk' });
    const deadline = ruled.deadlines.find((d) => d.name === 'preservationRulingUrgent')!;
    expect(deadline).toMatchObject({ completed: true, overdue: false, escalated: false });
    expect(Date.parse(deadline.dueAt) - Date.parse(ruled.appliedAt)).toBeLessThanOrEqual(2 * msPerDay);
    const recorded = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, { args: [measure('m1', 'bank_deposit')] }));
    expect(recorded.measures[0]).toMatchObject({ status: 'live', kind: 'bank_deposit', term: 1 });
    const row = await eventually(async () => (await h.db.pool.query('select status from deadlines where deadline_key = $1', [`${preservationId}:ruling`])).rows[0]);
    expect(row.status).toBe('met');
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'withdrawn', reason: '撤回申请' }] });
    await handle.result();
  });

  it('pre-suit: granted within 48 hours, measures recorded, suit filed in time attaches the new case; withdrawn releases all', async () => {
    // 400 ms a day: the 30 days to sue are 12 s and the measures' 50-day terms 20 s, so the acts
    // below come in time however loaded the machine; the wait past the 30 days reads their due time.
    const { handle, preservationId } = await startPreservation(h.client, taskQueue, application(), clerk,
      { ...compressed, clock: { mode: 'compressed', msPerDay: 400 } });
    await handle.executeUpdate(recordRiskNoticeUpdate, { args: [{ actor: clerk, note: '已告知执行风险' }] });
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '符合诉前保全条件' }] }));
    expect(ruled.stage).toBe('in_force');
    expect(ruled.ruling).toMatchObject({ decision: 'granted', by: 'clerk-1' });
    expect(ruled.deadlines.find((d) => d.name === 'preservationRulingUrgent')).toMatchObject({ completed: true });
    const queue = await eventually(async () => (await h.db.pool.query('select * from enforcement_queue where preservation_id = $1', [preservationId])).rows[0]);
    expect(queue.court).toBe(court);

    await handle.executeUpdate(recordMeasureUpdate, { args: [measure('m1', 'real_estate')] });
    const recorded = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, { args: [measure('m2', 'real_estate', 2)] }));
    // Two assets, each first seized here: rank 1 on each, whatever was typed (the register ranks, art. 26).
    expect(recorded.measures.map((m) => [m.measureId, m.status, m.rank])).toEqual([['m1', 'live', 1], ['m2', 'live', 1]]);
    expect(recorded.deadlines.find((d) => d.name === 'preSuitFiling')).toMatchObject({ completed: false });

    const suitDueAt = Date.parse(recorded.deadlines.find((d) => d.name === 'preSuitFiling')!.dueAt);
    const filed = await stateAfter(handle, handle.executeUpdate(recordSuitFiledUpdate, { args: [{ actor: clerk, caseNumber: '(2026)京0105民初100号', forum: 'court' }] }));
    expect(filed.caseNumber).toBe('(2026)京0105民初100号');
    expect(filed.deadlines.find((d) => d.name === 'preSuitFiling')).toMatchObject({ completed: true, overdue: false });
    // Past the 30 days from the measures (their due time as the workflow computed it), within their 50-day terms.
    await sleep(Math.max(0, suitDueAt + 500 - Date.now()));
    const later = await handle.query(statusQuery);
    expect(later.stage).toBe('in_force');
    expect(later.measures.every((m) => m.status === 'live')).toBe(true);
    expect((await h.db.pool.query('select case_number from preservations where preservation_id = $1', [preservationId])).rows[0].case_number)
      .toBe('(2026)京0105民初100号');

    await handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'withdrawn', reason: '原告撤诉' }] });
    const result = await handle.result() as PreservationState;
    expect(result.stage).toBe('released');
    expect(result.measures.map((m) => m.status)).toEqual(['released', 'released']);
    expect((await measureRows(preservationId)).map((r) => r.status)).toEqual(['released', 'released']);
    await saveHistory(handle, 'pre-suit-attached-withdrawn');
  });

  it('under the statutory profile: the ruling is due in 48 hours, a bank freeze ends on the registry\'s date', async () => {
    const { handle } = await startPreservation(h.client, taskQueue, application(), clerk, statutory);
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '准许' }] }));
    const ruling = ruled.deadlines.find((d) => d.name === 'preservationRulingUrgent')!;
    const hours = (Date.parse(ruling.dueAt) - Date.parse(ruled.appliedAt)) / 3_600_000;
    expect(hours).toBeGreaterThan(47);
    expect(hours).toBeLessThanOrEqual(49);
    const recorded = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, { args: [measure('freeze', 'bank_deposit')] }));
    const { takenAt, expiresAt, renewBy } = recorded.measures[0]!;
    // 民诉法解释 art. 485, on the registry's date: the day taken is the first day of the one-year
    // term, which ends at 24:00 of the day before the same date next year, rest day or not.
    const term = measureTerm(statutory, 'bank_deposit', takenAt, realCalendars(2024, 2030));
    const [y, m, d] = takenAt.slice(0, 10).split('-').map(Number) as [number, number, number];
    expect(term.expiresOn).toBe(new Date(Date.UTC(y + 1, m - 1, d - 1)).toISOString().slice(0, 10));
    expect(expiresAt).toBe(`${term.expiresOn}T23:59:59.999+08:00`);
    // Renew by the end of the last working day on or before the seventh day before expiry (PP art. 18).
    expect(renewBy).toBe(`${term.renewBy}T23:59:59.999+08:00`);
    expect(renewBy <= `${term.leadOn}T23:59:59.999+08:00`).toBe(true);
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'withdrawn', reason: '撤回申请' }] });
    expect(((await handle.result()) as PreservationState).stage).toBe('released');
  });

  it('pre-suit: no lawsuit within 30 days releases every measure, and the lapse is escalated', async () => {
    // The movables' term is 400 days here: the 30 days to sue (3 s) are counted from the taking, but
    // their timer starts only after the measure's writes, which on a loaded machine outlasted the
    // compressed profile's 40-day term, so the measure had lapsed first (CI).
    const suitDueFirst = { ...compressed, measureLifetime: { ...compressed.measureLifetime, movables: { ...compressed.measureLifetime.movables, amount: 400 } } };
    const { handle, preservationId } = await startPreservation(h.client, taskQueue, application({ kind: 'pre_arbitration' }), clerk, suitDueFirst);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '符合条件' }] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [measure('m1', 'movables')] });
    const result = await handle.result() as PreservationState;
    expect(result.stage).toBe('released');
    expect(result.measures[0]).toMatchObject({ status: 'released' });
    expect(result.measures[0]!.releaseReason).toContain('30日内未起诉');
    expect((await escalations(preservationId)).filter((e) => e.kind === 'overdue').map((e) => e.deadline_key)).toEqual([`${preservationId}:pre-suit`]);
    expect((await measureRows(preservationId))[0].status).toBe('released');
    await saveHistory(handle, 'pre-suit-released');
  });

  it('in-suit: only the trial judge rules; a bank freeze is reminded, renewed, then lapses with escalation', async () => {
    // The 5 days to rule are 1,000 here, so the ruling is in time on a loaded machine; the freeze's
    // term and reminders keep the compressed profile's.
    const rulingInTime = { ...compressed, periods: { ...compressed.periods, preservationRuling: { ...compressed.periods.preservationRuling, amount: 1000 } } };
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初7号', security: undefined }), clerk, rulingInTime);
    expect(await refusal(handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: 'x' }] })))
      .toMatchObject({ type: 'Forbidden', message: expect.stringContaining('trial judge') });
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '诉讼中保全，准许' }] }));
    expect(ruled.ruling).toMatchObject({ role: 'trial_judge', late: false });

    const start = Date.now();
    const first = await stateAfter(handle, handle.executeUpdate(recordMeasureUpdate, { args: [measure('freeze', 'bank_deposit')] }));
    const firstExpiry = Date.parse(first.measures[0]!.expiresAt);
    // Reminders fire 20 and 10 days (2 s, 1 s) before the 30-day expiry; renew after both.
    const reminded = await eventually(async () => {
      const kinds = (await escalations(preservationId)).map((e) => e.kind);
      return kinds.length >= 2 ? kinds : undefined;
    }, 3_000);
    expect(reminded).toEqual(['reminder', 'reminder']);
    expect(Date.now() - start).toBeGreaterThanOrEqual(2_000);
    const renewed = await stateAfter(handle, handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'freeze' }] }));
    expect(renewed.measures[0]).toMatchObject({ term: 2, status: 'live' });
    expect(Date.parse(renewed.measures[0]!.expiresAt) - firstExpiry).toBe(3_000);

    const lapsed = await eventually(async () => {
      const s = await handle.query(statusQuery);
      return s.measures[0]!.status === 'lapsed' ? s : undefined;
    }, 8_000);
    expect(lapsed.measures[0]).toMatchObject({ lapseImminentEscalated: true, term: 2 });
    const row = await eventually(async () => (await measureRows(preservationId)).find((r) => r.status === 'lapsed'));
    expect(row).toMatchObject({ status: 'lapsed', term: 2 });
    // The process shows the lapse before its writes land (each is an activity): wait for the rows.
    const seen = await eventually(async () => {
      const rows = await escalations(preservationId);
      return rows.length >= 6 ? rows : undefined;
    });
    expect(seen.map((e) => e.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder', 'lapse-imminent', 'lapsed']);
    expect(seen.slice(4).every((e) => e.deadline_key.endsWith(':measure:freeze:term2'))).toBe(true);
    expect(await refusal(handle.executeUpdate(renewMeasureUpdate, { args: [{ actor: officer, measureId: 'freeze' }] })))
      .toMatchObject({ type: 'WrongStage', message: expect.stringContaining('lapsed') });

    await handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'settled', reason: '和解并履行' }] });
    await handle.result();
    await saveHistory(handle, 'registry-term-bank-freeze-renewed-lapsed');
  });

  it('an in-suit ruling not given within 5 days is escalated, and the late ruling is recorded as late', async () => {
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初6号', security: undefined }));
    const key = `${preservationId}:ruling`;
    await eventually(async () => ((await escalations(preservationId)).some((e) => e.kind === 'overdue' && e.deadline_key === key) ? true : undefined), 5_000);
    const status = await handle.query(statusQuery);
    expect(status.deadlines.find((d) => d.name === 'preservationRuling')).toMatchObject({ overdue: true, escalated: true });
    const ruled = await stateAfter(handle, handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'refused', reason: '申请不符合法定条件' }] }));
    expect(ruled.ruling).toMatchObject({ decision: 'refused', late: true });
    expect((await handle.result() as PreservationState).stage).toBe('refused');
    const row = await h.db.pool.query('select status from deadlines where deadline_key = $1', [key]);
    expect(row.rows[0].status).toBe('overdue');
  });

  it('a consultation answered after 15 days is escalated and recorded late', async () => {
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初8号', security: undefined, urgent: true }));
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
    expect(await refusal(handle.executeUpdate(consultUpdate, { args: [{ actor: judge, consultationId: 'q1', question: '?' }] })))
      .toMatchObject({ type: 'Forbidden', message: expect.stringContaining('may not preservation.consult') });
    await handle.executeUpdate(consultUpdate, { args: [{ actor: officer, consultationId: 'q1', question: '判决主文第二项的房产范围不明确' }] });
    await eventually(async () => ((await escalations(preservationId)).some((e) => e.kind === 'overdue') ? true : undefined), 5_000);
    const answered = await stateAfter(handle, handle.executeUpdate(answerConsultationUpdate, { args: [{ actor: judge, consultationId: 'q1', answer: '指朝阳区某号房产' }] }));
    expect(answered.consultations[0]).toMatchObject({ late: true, escalated: true, answeredBy: 'judge-1' });
    const { rows } = await h.db.pool.query('select late, escalated, answer from preservation_consultations where preservation_id = $1', [preservationId]);
    expect(rows[0]).toMatchObject({ late: true, escalated: true, answer: '指朝阳区某号房产' });
    const deadline = await h.db.pool.query('select status, escalated_at from deadlines where deadline_key = $1', [`${preservationId}:consultation:q1`]);
    expect(deadline.rows[0].status).toBe('overdue');
    expect(deadline.rows[0].escalated_at).not.toBeNull();
    await handle.executeUpdate(closeUpdate, { args: [{ actor: judge, outcome: 'lost', reason: '申请人败诉' }] });
    await handle.result();
  });

  it('conversion on enforcement filing keeps every live measure\'s date and rank, at one instant, visible for the debtor', async () => {
    const { handle, preservationId } = await startPreservation(h.client, taskQueue,
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初9号', security: undefined }));
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: judge, decision: 'granted', reason: '准许' }] });
    const takenEarly = new Date().toISOString();
    await handle.executeUpdate(recordMeasureUpdate, { args: [measure('house', 'real_estate', 3, takenEarly)] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [measure('car', 'movables', 2)] });
    await sleep(300);
    const before = await handle.query(statusQuery);
    const converted = await stateAfter(handle, handle.executeUpdate(fileEnforcementUpdate, { args: [{ actor: officer, enforcementCaseNumber: '(2026)京0105执100号' }] }));
    expect(converted.stage).toBe('converted');
    expect(converted.measures.map((m) => [m.measureId, m.status, m.takenAt, m.rank]))
      .toEqual(before.measures.map((m) => [m.measureId, 'converted', m.takenAt, m.rank]));
    expect(new Set(converted.measures.map((m) => m.convertedAt)).size).toBe(1);

    const seizures = (await seizuresForDebtor(h.db.pool, debtorCreditCode)).filter((s) => s.preservationId === preservationId);
    expect(seizures.map((s) => [s.measureId, s.rank, s.caseNumber, s.source])).toEqual([
      // The register's ranks (typed 3 and 2): each the first seizure of its asset.
      ['house', 1, '(2026)京0105执100号', 'preservation'], ['car', 1, '(2026)京0105执100号', 'preservation'],
    ]);
    expect(Date.parse(seizures[0]!.takenAt)).toBe(Date.parse(takenEarly));
    expect(new Set(seizures.map((s) => s.convertedAt)).size).toBe(1);
    const rows = await measureRows(preservationId);
    expect(rows.map((r) => r.status)).toEqual(['converted', 'converted']);

    // Enforcement may still consult the trial division; the process ends when enforcement concludes.
    await handle.executeUpdate(consultUpdate, { args: [{ actor: officer, consultationId: 'q1', question: '执行标的范围' }] });
    await handle.executeUpdate(answerConsultationUpdate, { args: [{ actor: judge, consultationId: 'q1', answer: '以判决主文为准' }] });
    await handle.executeUpdate(closeUpdate, { args: [{ actor: clerk, outcome: 'enforcement_concluded', reason: '执行完毕' }] });
    const result = await handle.result() as PreservationState;
    expect(result.stage).toBe('concluded');
    expect(result.measures.map((m) => m.status)).toEqual(['converted', 'converted']);
    await saveHistory(handle, 'converted');
  });
});
