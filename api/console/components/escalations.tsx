// 提醒与督办: the reminders and escalations the engine recorded for deadlines in this person's view,
// worded here in Chinese from the deadline's own label and time. The engine's message (with its
// English gloss, ISO times, court codes and measure numbers) stays in the escalations table and the
// API for technicians.
import { Deadline, formatTime } from '../layout';
import type { OpenEscalation } from '../read-models';
import { ProcessLink } from './process-link';

export const escalationKindLabels: Record<OpenEscalation['kind'], { badge: string; tone: string }> = {
  reminder: { badge: '提醒', tone: 'soon' },
  overdue: { badge: '督办', tone: 'late' },
  'lapse-imminent': { badge: '即将失效', tone: 'late' },
  lapsed: { badge: '已失效', tone: 'late' },
};

/** What the escalation says, from its deadline: e.g. 征询意见答复期限将于2026/1/5 17:00:00届满. */
export function escalationText(e: Pick<OpenEscalation, 'kind' | 'label' | 'due_at'>): string {
  const due = formatTime(e.due_at);
  switch (e.kind) {
    case 'reminder': return `${e.label}将于${due}届满，请及时办理`;
    case 'overdue': return `${e.label}已于${due}届满，尚未办结，已报执行指挥中心督办`;
    case 'lapse-imminent': return `${e.label}：续行申请期已过仍未续行，措施将于${due}失效`;
    case 'lapsed': return `${e.label}：未续行，措施已于${due}失效`;
  }
}

export function EscalationsCard(props: { rows: OpenEscalation[]; now: Date; captions?: Map<string, string>; scope: string }) {
  return (
    <div class="card" id="escalations">
      <h2>提醒与督办</h2>
      <p class="muted">{props.scope}</p>
      {props.rows.length === 0 ? <p class="empty">目前没有未处理的提醒或督办。</p> : (
        <div class="scroll">
          <table id="escalation-list">
            <thead><tr><th>类别</th><th>程序</th><th>内容</th><th>剩余</th><th class="hide-narrow">提醒时间</th></tr></thead>
            <tbody>{props.rows.map((e) => (
              <tr data-escalation={e.kind}>
                <td><span class={`badge ${escalationKindLabels[e.kind].tone}`}>{escalationKindLabels[e.kind].badge}</span></td>
                <td><ProcessLink kind={e.process_kind} id={e.process_id} captions={props.captions} /></td>
                <td>{escalationText(e)}</td>
                <td><Deadline dueAt={e.due_at} now={props.now} /></td>
                <td class="hide-narrow">{formatTime(e.created_at)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
