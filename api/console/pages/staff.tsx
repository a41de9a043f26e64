// The pages of court staff: inbox, work queue, supervisor's board.
import type { Actor } from '../../../workflows/shared/actor';
import type { ProcessFailureRow } from '../../../activities/failures';
import { BarChart } from '../components/charts';
import { InterferenceTable } from '../components/interference-table';
import { ProcessLink } from '../components/process-link';
import { EscalationsCard } from '../components/escalations';
import { EndedProcessesCard } from '../components/ended-processes';
import { FailingProcessesCard } from '../components/failing-processes';
import type { EndedProcess } from '../../http/ended-by-engine';
import { UndeliveredNoticesCard, type UndeliveredNoticesView } from '../components/undelivered-notices';
import { courtName, personName } from '../demo-users';
import { actionLabel, divisionLabels, divisionOf, processKindLabels } from '../labels';
import { Deadline, formatTime, Layout } from '../layout';
import type { AssessmentFigures, BoardDeadline, InboxRow, InterferenceRow, OpenEscalation, StageCount } from '../read-models';
import type { QueueItem } from '../work-queue';
import type { TodoItem } from '../todo';
import type { WarningColour } from '../deadline-warning';

function DeadlineTable(props: { rows: (InboxRow | BoardDeadline)[]; now: Date; showCourt?: boolean; id: string; captions?: Map<string, string> }) {
  if (props.rows.length === 0) return <p class="empty">目前没有待办期限。</p>;
  return (
    <div class="scroll">
      <table id={props.id}>
        <thead><tr><th>期限</th><th>程序</th>{props.showCourt ? <th>法院</th> : null}<th>届满时间</th><th>剩余</th><th class="hide-narrow">承办</th></tr></thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-deadline={row.deadline_key}>
              <td>{row.label}{row.provisional ? <span class="muted">（暂定）</span> : null}{row.status === 'paused' ? <span class="badge">暂停计算</span> : null}</td>
              <td><ProcessLink kind={row.process_kind} id={row.process_id} captions={props.captions} /></td>
              {props.showCourt ? <td>{courtName(row.court)}</td> : null}
              <td>{formatTime(row.due_at)}</td>
              <td>{row.status === 'paused' ? <span class="badge">已暂停</span> : <Deadline dueAt={row.due_at} now={props.now} />}</td>
              <td class="hide-narrow">{row.assignee ? personName(row.assignee) : <span class="muted">未认领</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const warningText: Record<WarningColour, string> = { red: '红·已逾期', yellow: '黄·临近届满', green: '绿·期限充裕' };
const warningTone: Record<WarningColour, string> = { red: 'late', yellow: 'soon', green: 'ok' };

/** What this person can act on now (todo.ts), each with 案号, debtor, the step and its 期限预警 colour. */
function TodoTable(props: { items: TodoItem[]; now: Date }) {
  if (props.items.length === 0) return <p class="empty">目前没有需要您办理的事项。</p>;
  return (
    <div class="scroll">
      <table id="todo">
        <thead><tr><th>预警</th><th>案号</th><th>被执行人 / 被申请人</th><th>待办步骤</th><th>期限</th></tr></thead>
        <tbody>
          {props.items.map((item) => (
            <tr data-process={item.processId} data-warning={item.warning}>
              <td><span class={`badge ${warningTone[item.warning]}`}>{warningText[item.warning]}</span></td>
              <td><a href={item.href}>{item.caseNumber}</a><div class="muted">{processKindLabels[item.processKind]}</div></td>
              <td>{item.debtorName}</td>
              <td data-steps>{item.steps.join('、')}</td>
              <td>{item.deadline ? <>{item.deadline.label}<br /><span class="muted">{formatTime(item.deadline.dueAt)}</span> <Deadline dueAt={item.deadline.dueAt} now={props.now} /></> : <span class="muted">无法定期限</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InboxPage(props: { actor: Actor; todo: TodoItem[]; rows: InboxRow[]; now: Date; captions?: Map<string, string>; escalations: OpenEscalation[] }) {
  const escalations = <EscalationsCard rows={props.escalations} now={props.now} captions={props.captions} scope="下列在办期限的提醒与督办，最紧急在前；办结后自动消除。" />;
  return (
    <Layout title="我的待办" actor={props.actor} current="inbox">
      {/* Open reminders and 督办 come first; with none, the card says so below the work instead of above it. */}
      {props.escalations.length ? escalations : null}
      <div class="card">
        <h2>我现在可以办理的事项</h2>
        <p class="muted">期限预警：红＝已逾期；黄＝剩余不超过3日或不超过期限的五分之一；绿＝其他及无法定期限的步骤。</p>
        <TodoTable items={props.todo} now={props.now} />
      </div>
      {props.escalations.length ? null : escalations}
      <div class="card">
        <h2>{courtName(props.actor.court)}{divisionLabels[divisionOf[props.actor.role] ?? ''] ?? ''}在办期限（最紧急在前）</h2>
        <p class="muted">尚未认领或由我承办的期限。</p>
        <DeadlineTable rows={props.rows} now={props.now} id="inbox" captions={props.captions} />
      </div>
    </Layout>
  );
}

export function QueuePage(props: {
  actor: Actor; items: QueueItem[]; colleagues: Actor[]; now: Date; notice?: { ok: boolean; text: string }; captions?: Map<string, string>;
}) {
  const { actor } = props;
  const division = divisionLabels[divisionOf[actor.role] ?? ''] ?? '';
  return (
    <Layout title={`工作队列 · ${division}`} actor={actor} current="queue">
      {props.notice ? <div class={`alert ${props.notice.ok ? 'ok' : 'error'}`} role="status">{props.notice.text}</div> : null}
      <div class="card">
        <h2>{courtName(actor.court)} {division}的事项</h2>
        {props.items.length === 0 ? <p class="empty">队列为空。</p> : (
          <div class="scroll">
            <table id="queue">
              <thead><tr><th>程序</th><th>期限</th><th>最近届满</th><th>承办人</th><th>认领 / 转交</th></tr></thead>
              <tbody>
                {props.items.map((item) => (
                  <tr data-process={item.process_id}>
                    <td><ProcessLink kind={item.process_kind} id={item.process_id} captions={props.captions} /></td>
                    <td>{item.labels}</td>
                    <td>{formatTime(item.next_due)}<br /><Deadline dueAt={item.next_due} now={props.now} /></td>
                    <td>{item.assignee ? personName(item.assignee) : <span class="muted">未认领</span>}{item.assigned_at ? <div class="muted">{formatTime(item.assigned_at)}</div> : null}</td>
                    <td>
                      {item.assignee === null ? (
                        <form method="post" action="/console/queue/claim" class="inline-form">
                          <input type="hidden" name="processId" value={item.process_id} />
                          <button type="submit">认领</button>
                        </form>
                      ) : null}
                      {item.assignee !== null && (item.assignee === actor.userId || actor.role === 'supervisor') ? (
                        <form method="post" action="/console/queue/assign" class="inline-form">
                          <input type="hidden" name="processId" value={item.process_id} />
                          <input type="hidden" name="expectedVersion" value={String(item.version ?? 0)} />
                          <label class="muted" for={`to-${item.process_id}`}>转交给</label>
                          <select id={`to-${item.process_id}`} name="assignee">
                            {props.colleagues.filter((c) => c.userId !== item.assignee).map((c) => <option value={c.userId}>{c.displayName ?? c.userId}</option>)}
                          </select>
                          <input type="text" name="reason" placeholder="转交原因" aria-label="转交原因" />
                          <button type="submit" class="secondary">转交</button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}

export function BoardPage(props: {
  actor: Actor; now: Date; counts: StageCount[]; deadlines: BoardDeadline[]; figures: AssessmentFigures; interference?: InterferenceRow[];
  notices?: UndeliveredNoticesView; failing?: ProcessFailureRow[]; captions?: Map<string, string>;
  /** Processes the engine stopped; undefined when Temporal's visibility did not answer. */
  ended?: EndedProcess[];
  escalations: OpenEscalation[];
}) {
  const { figures } = props;
  const overdue = props.deadlines.filter((d) => d.status === 'overdue' || d.due_at < props.now).length;
  return (
    <Layout title="监督看板" actor={props.actor} current="board">
      <div class="card">
        <h2>考核指标</h2>
        <div class="figures" id="figures">
          <div class="figure"><span class="muted">启动移送</span><b data-figure="started">{figures.transfersStarted}</b></div>
          <div class="figure"><span class="muted">裁定受理</span><b data-figure="accepted">{figures.transfersAccepted}</b></div>
          <div class="figure"><span class="muted">不予受理</span><b data-figure="rejected">{figures.transfersRejected}</b></div>
          <div class="figure"><span class="muted">按期续行</span><b data-figure="renewed">{figures.measuresRenewed}</b></div>
          <div class="figure"><span class="muted">保全失效</span><b data-figure="lapsed">{figures.measuresLapsed}</b></div>
          <div class="figure"><span class="muted">超期期限</span><b data-figure="overdue">{overdue}</b></div>
        </div>
      </div>
      <div class="grid">
        <div class="card">
          <h2>执转破结果</h2>
          <BarChart title="执转破：启动、受理、不予受理" bars={[
            { label: '启动移送', value: figures.transfersStarted },
            { label: '裁定受理', value: figures.transfersAccepted, tone: 'ok' },
            { label: '不予受理', value: figures.transfersRejected, tone: 'late' },
          ]} />
        </div>
        <div class="card">
          <h2>保全续行</h2>
          <BarChart title="保全措施：按期续行与失效" bars={[
            { label: '按期续行', value: figures.measuresRenewed, tone: 'ok' },
            { label: '未续行失效', value: figures.measuresLapsed, tone: 'late' },
          ]} />
        </div>
        <div class="card wide">
          <h2>各环节用时中位数（天）</h2>
          <BarChart title="各环节用时中位数" unit=" 天" digits={2}
            bars={figures.medianDaysPerStage.map((s) => ({ label: actionLabel(s.stage), value: s.medianDays }))} />
        </div>
      </div>
      <EscalationsCard rows={props.escalations} now={props.now} captions={props.captions} scope={`${props.actor.court ? courtName(props.actor.court) : '各法院'}未处理的提醒与督办，督办在前；期限办结后自动消除。`} />
      <div class="card">
        <h2>超期与临期期限（超期在前）</h2>
        <DeadlineTable rows={props.deadlines} now={props.now} showCourt id="board-deadlines" captions={props.captions} />
      </div>
      <EndedProcessesCard rows={props.ended ?? []} unavailable={props.ended === undefined} captions={props.captions} />
      {props.failing ? <FailingProcessesCard rows={props.failing} captions={props.captions} /> : null}
      {props.notices ? <UndeliveredNoticesCard view={props.notices} /> : null}
      <div class="card">
        <h2>按阶段和法院统计在办程序</h2>
        {props.counts.length === 0 ? <p class="empty">暂无在办程序。</p> : (
          <div class="scroll">
            <table id="stage-counts">
              <thead><tr><th>程序</th><th>法院</th><th>阶段</th><th>数量</th></tr></thead>
              <tbody>{props.counts.map((c) => (
                <tr><td>{processKindLabels[c.kind]}</td><td>{courtName(c.court)}</td><td>{c.stage_label}</td><td>{c.n}</td></tr>
              ))}</tbody>
            </table>
          </div>
        )}
      </div>
      <div class="card">
        <h2>干预过问记录（反干预）</h2>
        <InterferenceTable rows={props.interference} id="interference" />
        <p><a href="/console/interference">记录干预过问、查看全部记录</a></p>
      </div>
    </Layout>
  );
}
