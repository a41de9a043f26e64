// Deadline, consent and measure statuses on console pages: what ran out says so (issue 17).
import { describe, expect, it } from 'vitest';
import { consentReplyLabel, deadlineStatus, measureStatus, periodRunning } from '../../api/console/deadline-status';

const now = new Date('2026-11-30T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('deadlineStatus', () => {
  it('an open deadline past its due time reads 已逾期, before it 进行中', () => {
    expect(deadlineStatus({ status: 'open', due_at: hours(-1) }, now)).toEqual({ text: '已逾期', tone: 'late' });
    expect(deadlineStatus({ status: 'overdue', due_at: hours(-1) }, now).text).toBe('已逾期');
    expect(deadlineStatus({ status: 'open', due_at: hours(1) }, now).text).toBe('进行中');
  });
  it('a period closed when it ran out, or by an act done in time and recorded after it, reads 已届满, not 已完成 nor 已逾期', () => {
    expect(deadlineStatus({ status: 'met', due_at: hours(-2), updated_at: hours(-2) }, now).text).toBe('已届满');
    expect(deadlineStatus({ status: 'met', due_at: hours(-2), updated_at: hours(-1) }, now).text).toBe('已届满');
    // An act done late is recorded overdue by the workflow.
    expect(deadlineStatus({ status: 'overdue', due_at: hours(-2), updated_at: hours(-1) }, now).text).toBe('已逾期');
    expect(deadlineStatus({ status: 'met', due_at: hours(2), updated_at: hours(-1) }, now).text).toBe('已完成');
  });
  it('paused and cancelled say so', () => {
    expect(deadlineStatus({ status: 'paused', due_at: hours(-1) }, now).text).toBe('暂停计算');
    expect(deadlineStatus({ status: 'cancelled', due_at: hours(1) }, now).text).toBe('已取消');
  });
});

describe('consent replies', () => {
  it('an unanswered request after its reply period reads 逾期未答复', () => {
    const lapsed = { status: 'open', due_at: hours(-1) };
    expect(periodRunning(lapsed, now)).toBe(false);
    expect(consentReplyLabel('pending', periodRunning(lapsed, now))).toBe('逾期未答复');
    expect(consentReplyLabel('pending', periodRunning({ status: 'open', due_at: hours(5) }, now))).toBe('待答复');
    expect(consentReplyLabel('consented', false)).toBe('同意');
  });
});

describe('measureStatus', () => {
  it('a live measure past its renew-by day is not plainly 有效', () => {
    expect(measureStatus({ status: 'live', renew_by: hours(24), expires_at: hours(48) }, now)).toEqual({ text: '有效', tone: 'ok' });
    expect(measureStatus({ status: 'live', renew_by: hours(-1), expires_at: hours(48) }, now)).toEqual({ text: '有效，已过续行申请期限', tone: 'late' });
    expect(measureStatus({ status: 'live', renew_by: hours(-5), expires_at: hours(-1) }, now).text).toBe('已到期，待登记失效');
    expect(measureStatus({ status: 'lapsed', renew_by: hours(-5), expires_at: hours(-1) }, now).text).toBe('已失效');
  });
});
