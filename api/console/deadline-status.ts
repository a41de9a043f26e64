// What a deadline, a consent and a measure are called on a page, honestly: a period that ran out
// is not 已完成, an unanswered request after its reply period is not 待答复, a measure past its
// last day to apply for renewal (民诉法解释 art. 485: renewal is applied for before expiry) is not
// simply 有效. Pure functions of the read model's row and the time now.

export type Tone = 'late' | 'soon' | 'ok' | 'neutral';

/** A deadline's row as the read model holds it: `updated_at` is when its status last changed. */
export interface DeadlineFacts { status: string; due_at: Date; updated_at?: Date | null }

/**
 * open/overdue: 已逾期 once `due_at` has passed, else 进行中 (an act done late is recorded overdue).
 * met: 已届满 when it was closed at or after its due time — a reply period that simply ended, or an
 * act done in time by its legal date and recorded after the period (issue 13: it read 已逾期) — else
 * 已完成. paused: 暂停计算; cancelled: 已取消.
 */
export function deadlineStatus(d: DeadlineFacts, now: Date): { text: string; tone: Tone } {
  const due = new Date(d.due_at).getTime();
  if (d.status === 'open' || d.status === 'overdue') return due < now.getTime() ? { text: '已逾期', tone: 'late' } : { text: '进行中', tone: 'ok' };
  if (d.status === 'met') {
    const closed = d.updated_at ? new Date(d.updated_at).getTime() : undefined;
    return closed !== undefined && closed >= due ? { text: '已届满', tone: 'neutral' } : { text: '已完成', tone: 'neutral' };
  }
  if (d.status === 'paused') return { text: '暂停计算', tone: 'neutral' };
  if (d.status === 'cancelled') return { text: '已取消', tone: 'neutral' };
  return { text: d.status, tone: 'neutral' };
}

/** Whether a reply period is still running: a live row whose due time is still ahead. */
export function periodRunning(d: DeadlineFacts, now: Date): boolean {
  return (d.status === 'open' || d.status === 'overdue' || d.status === 'paused') && (d.status === 'paused' || new Date(d.due_at) >= now);
}

const consentReplies: Record<string, string> = { pending: '待答复', consented: '同意', refused: '不同意', withdrawn: '已撤回' };

/** A consent's reply: 逾期未答复 once its reply period is over with no answer. */
export function consentReplyLabel(reply: string, periodOpen: boolean): string {
  if (reply === 'pending' && !periodOpen) return '逾期未答复';
  return consentReplies[reply] ?? '未知答复';
}

const measureStatuses: Record<string, string> = { live: '有效', lapsed: '已失效', released: '已解除', converted: '已转执行' };

/** A measure's status with the warning a live one needs past its renew-by day or its expiry. */
export function measureStatus(m: { status: string; renew_by: Date; expires_at: Date }, now: Date): { text: string; tone: Tone } {
  if (m.status === 'live') {
    if (new Date(m.expires_at) < now) return { text: '已到期，待登记失效', tone: 'late' };
    if (new Date(m.renew_by) < now) return { text: '有效，已过续行申请期限', tone: 'late' };
    return { text: '有效', tone: 'ok' };
  }
  return { text: measureStatuses[m.status] ?? '未知状态', tone: 'neutral' };
}
