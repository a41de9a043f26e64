// A suit after a pre-suit preservation is neither filed nor posted before the application it keeps
// alive (issue 13), real Temporal, statutory clock.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedCalendars } from '../../infra/calendar/load';
import { statutory } from '../../workflows/clock/statute-profile';
import { recordMeasureUpdate, recordSuitFiledUpdate, ruleUpdate } from '../../workflows/preservation/messages';
import { application, clerk, officer, startPreservation } from '../fixtures/preservation';
import { useWorkerHarness, uniqueTaskQueue } from '../support/temporal';

const h = useWorkerHarness({ taskQueue: uniqueTaskQueue('pres-suit-dates') });
beforeAll(() => loadShippedCalendars(h.db.pool));
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { cause?: { message?: string }; message?: string }) => err.cause?.message ?? err.message ?? String(err));
const measure = { kind: 'bank_deposit' as const, asset: '基本存款账户', location: '某银行', rank: 1 };

describe('a pre-suit preservation\'s suit dated before the application', () => {
  it.each([
    ['filedOn', { filedOn: '2026-11-10' }, '2026-11-10'],
    ['postedOn', { postedOn: '2026-11-01' }, '2026-11-01'],
  ])('applied for on 11-20: the suit\'s %s before it is refused naming the field', async (field, dates, day) => {
    const { handle } = await startPreservation(h.client, h.taskQueue, application({ appliedOn: '2026-11-20T09:00+08:00' }), clerk, statutory);
    await handle.executeUpdate(ruleUpdate, { args: [{ actor: clerk, decision: 'granted', reason: '情况紧急', ruledOn: '2026-11-20T15:00+08:00' }] });
    await handle.executeUpdate(recordMeasureUpdate, { args: [{ actor: officer, measureId: 'F1', ...measure, takenOn: '2026-11-21' }] });
    const answer = await refusal(handle.executeUpdate(recordSuitFiledUpdate, { args: [{ actor: clerk, caseNumber: '(2026)京0105民初PSD号', forum: 'court', ...dates }] }));
    await handle.terminate('test done');
    expect(answer).toMatch(new RegExp(`^${field}：${day}早于appliedOn（申请保全日期）`));
  });
});
