// The pages of one process: a transfer (parties, cases, consents, material, diagram, timeline,
// actions) and a preservation (measures on an expiry timeline, renewals, conversion).
import type { Child } from 'hono/jsx';
import type { Actor } from '../../../workflows/shared/actor';
import { transferStages, stageLabels as transferStageLabels, type TransferStage } from '../../../workflows/transfer/stages';
import { ActionFormView, ErrorSummary, type FormOutcome } from '../components/action-form';
import { AroundCard, SuspensionBanner } from '../components/around';
import type { TransferView as ApiTransferView } from '../../routes/transfer-views';
import type { TransferSeizure } from '../../routes/transfer-seizures';
import { ExpiryTimeline } from '../components/charts';
import { ProcessDiagram } from '../components/diagram';
import { PreservationDiagram } from '../components/preservation-diagram';
import { courtName, personName } from '../demo-users';
import { readableNoticeBody } from '../notice-text';
import { withoutGloss, type ActionForm } from '../forms';
import { actionLabel, materialReference, measureKindLabels, noticeKindLabels, noticeStatusLabels, roleLabels } from '../labels';
import { Deadline, formatTime, Layout } from '../layout';
import type { AuditRow, DeadlineRow, PreservationView, TransferView } from '../read-models';
import { consentReplyLabel, deadlineStatus, measureStatus, periodRunning } from '../deadline-status';

type Cell = string | number | boolean | Date | null | undefined;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return formatTime(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、') || '—';
  return String(value);
}

function Table(props: { id: string; head: string[]; rows: Cell[][]; empty: string }) {
  if (props.rows.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <div class="scroll">
      <table id={props.id}>
        <thead><tr>{props.head.map((h) => <th>{h}</th>)}</tr></thead>
        <tbody>{props.rows.map((r) => <tr>{r.map((c) => <td>{show(c)}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export function Timeline(props: { rows: AuditRow[] }) {
  if (props.rows.length === 0) return <p class="empty">尚无记录。</p>;
  return (
    <ol class="timeline" id="timeline">
      {props.rows.map((r) => (
        <li data-action={r.action}>
          <b>{actionLabel(r.action)}</b> <span class="muted">{formatTime(r.occurred_at)}</span>
          <div>{personName(r.actor_id)}{personName(r.actor_id).includes(roleLabels[r.actor_role as keyof typeof roleLabels] ?? r.actor_role) ? '' : `（${roleLabels[r.actor_role as keyof typeof roleLabels] ?? r.actor_role}）`}{r.actor_court ? ` · ${courtName(r.actor_court)}` : ''}</div>
          {r.reason ? <div class="muted">理由：{withoutGloss(r.reason)}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A process the engine stopped: its page must not read as in force (issue 12). */
function StoppedBanner(props: { text: string }) {
  return <div class="alert error" role="alert" id="engine-stopped"><b>程序已停止：</b>{props.text}</div>;
}

function StatusBadge(props: { text: string; tone: string }) {
  return <span class={`badge ${props.tone === 'neutral' ? '' : props.tone}`}>{props.text}</span>;
}

/** A process's deadlines with honest statuses (deadline-status.ts): a period that ran out reads 已逾期. */
export function DeadlineList(props: { rows: DeadlineRow[]; now: Date }) {
  if (props.rows.length === 0) return <p class="empty">没有期限。</p>;
  return (
    <div class="scroll">
      <table id="deadlines">
        <thead><tr><th>期限</th><th>届满时间</th><th>状态</th></tr></thead>
        <tbody>{props.rows.map((d) => (
          <tr data-deadline={d.deadline_key}>
            <td>{d.provisional ? `${d.label}（暂定：该年节假日安排尚未载入）` : d.label}</td>
            <td>{formatTime(d.due_at)}</td>
            <td><StatusBadge {...deadlineStatus(d, props.now)} /></td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

const exits: TransferStage[] = ['dismissed', 'rejected', 'returned', 'no_consent'];

export function TransferPage(props: {
  actor: Actor; now: Date; view: TransferView; timeline: AuditRow[]; deadlines: DeadlineRow[];
  forms: ActionForm[]; outcome?: FormOutcome; notice?: string; postTo: string; readOnly?: boolean;
  /** The transfer as the API shows it to this person (the acts around the core); unavailable says why not. */
  around?: ApiTransferView & { seizures?: TransferSeizure[] }; unavailable?: string;
  /** Set when the engine stopped the process (terminated, failed, timed out, cancelled): what the API says of it. */
  stopped?: string;
  /** The documents this person may read (the API's list), each opened on its own printable page. */
  documents?: { id: string; title: string; recipient: string | null; createdAt: string }[];
}) {
  const { view } = props;
  const t = view.transfer;
  const stage = t.stage as TransferStage;
  const main = transferStages.filter((s) => !exits.includes(s));
  const passedIndex = main.indexOf(stage);
  // An exit is reached from one stage: 无人同意 after the consent period, 驳回申请 after acceptance, the others after review.
  const exitAfter: Record<string, TransferStage> = { no_consent: 'consent', dismissed: 'accepted', rejected: 'under_review', returned: 'under_review' };
  const passed = passedIndex >= 0 ? main.slice(0, passedIndex) : main.slice(0, main.indexOf(exitAfter[stage] ?? 'under_review') + 1);
  const diagram = (
    <ProcessDiagram title={`执转破流程，当前阶段：${t.stage_label}`} current={stage} passed={passed}
      stages={main.map((s) => ({ key: s, label: transferStageLabels[s].replace(/（.*）|，.*$/, '') }))}
      exits={exits.map((s) => ({ key: s, label: transferStageLabels[s].replace(/（.*）|，.*$/, '') }))} />
  );
  // Once the reply period is over (no open reply deadline), an unanswered request is not "awaited" any more.
  const consentOpen = props.deadlines.some((d) => d.name.toLowerCase().includes('consent') && periodRunning(d, props.now));
  const names = new Map(view.parties.map((p) => [String(p.party_id), String(p.name)]));
  // A party by its name (its number is in the 当事人 table, for the service forms), a court by its registry name.
  const nameOf = (id: unknown) => names.get(String(id)) ?? courtName(String(id));
  const section = (title: string, body: Child, wide = false) => <div class={wide ? 'card wide' : 'card'}><h2>{title}</h2>{body}</div>;
  return (
    <Layout title={`执转破 · ${t.credit_code}`} actor={props.actor} current={props.readOnly ? 'party' : 'transfers'}>
      {props.notice ? <div class="alert ok" role="status">{props.notice}</div> : null}
      {props.around ? <SuspensionBanner view={props.around} /> : null}
      {props.stopped ? <StoppedBanner text={props.stopped} /> : null}
      {props.unavailable ? <div class="alert error" role="alert">{props.unavailable}</div> : null}
      <ErrorSummary outcome={props.outcome} forms={props.forms} />
      <div class="card">
        <dl class="facts">
          <dt>当前阶段</dt><dd><b id="stage" data-stage={t.stage}>{t.stage_label}</b>{t.overdue ? <span class="badge late">有超期期限</span> : null}</dd>
          <dt>执行法院</dt><dd>{courtName(t.home_court)}</dd>
          <dt>受移送法院</dt><dd>{courtName(t.receiving_court)}{t.receiving_court_reason ? `（${show(t.receiving_court_reason)}）` : ''}</dd>
          <dt>移送决定书</dt><dd>{show(t.decision_number)}</dd>
          <dt>破申案号</dt><dd>{show(t.docket_number)}</dd>
          <dt>裁定</dt><dd>{show(t.ruling_number)}</dd>
          <dt>下一期限</dt><dd>{t.next_due_at ? <>{formatTime(t.next_due_at as Date)} <Deadline dueAt={t.next_due_at as Date} now={props.now} /></> : '—'}</dd>
        </dl>
      </div>
      <div class="card">{diagram}</div>
      <div class="grid">
        {section('当事人', <Table id="parties" head={['名称', '编号', '身份', '案件']} empty="无"
          rows={view.parties.map((p) => [p.name as string, p.party_id as string, p.kind === 'debtor' ? '被执行人' : '申请执行人', show(p.case_numbers)])} />, true)}
        {section('执行案件', <Table id="cases" head={['案号', '法院', '状态']} empty="无"
          rows={view.cases.map((c) => [c.case_number as string, courtName(c.court as string), ({ in_enforcement: '执行中', suspended: '已中止', terminated: '已终结', resumed: '已恢复' } as Record<string, string>)[c.status as string] ?? (c.status as string)])} />)}
        {section('征询意见', <Table id="consents" head={['当事人', '征询时间', '送达日期', '答复期限', '已释明后果', '答复', '书面意见']} empty="尚未征询"
          rows={view.consents.map((c) => [nameOf(c.party_id), c.asked_at as Date, (c.served_on as string | null) ?? '未送达',
            c.reply_by as Date | null, c.explanation_given as boolean, consentReplyLabel(String(c.reply), consentOpen), c.document_ref as string])} />, true)}
        {section('移送材料清单', <Table id="material" head={['材料', '状态', '文书']} empty="尚未移送"
          rows={view.material.map((m) => [m.label as string, ({ sent: '已移送', requested: '要求补充', supplied: '已补充', returned: '已退回' } as Record<string, string>)[m.status as string] ?? (m.status as string), show((m.document_refs as string[] | null)?.map(materialReference))])} />)}
        {section('财产', <Table id="property" head={['财产', '查封时间', '状态']} empty="无"
          rows={view.property.map((p) => [p.description as string, p.seized_at as Date, p.status as string])} />)}
        {props.around?.seizures ? section('查封、扣押、冻结（查封登记）', <Table id="seizures" head={['财产', '所在', '措施法院', '顺位', '查封日期', '到期日期', '所在程序']}
          empty="查封登记中没有该被执行人尚在效力期间的查封、扣押、冻结"
          rows={props.around.seizures.map((z) => [`${z.kindLabel}：${z.asset}`, z.location, courtName(z.holderCourt), z.rank, formatTime(z.takenAt),
            z.expiresAt ? formatTime(z.expiresAt) : '轮候，尚未生效', z.holderLabel])} />, true) : null}
        {section('期限', <DeadlineList rows={props.deadlines} now={props.now} />)}
        {props.documents ? section('文书', props.documents.length === 0 ? <p class="empty">尚未制作文书。</p> : (
          <ul id="documents">{props.documents.map((d) => (
            <li><a href={`${props.postTo}/documents/${d.id}`}>{d.title}</a>{d.recipient ? <span class="muted">（致{nameOf(d.recipient)}）</span> : null} <span class="muted">{formatTime(d.createdAt)}</span></li>
          ))}</ul>
        )) : null}
        {props.readOnly
          // A party reads the notices sent to itself, in full (the outcome of its objection, GO art. 7, among them).
          ? section('给您的通知', <Table id="my-notices" head={['通知', '内容', '时间']} empty="无"
            rows={view.notices.filter((n) => n.recipient_kind === 'party' && n.recipient === props.actor.partyId)
              .map((n) => [noticeKindLabels[n.kind as string] ?? (n.kind as string), readableNoticeBody(String(n.body)), n.created_at as Date])} />, true)
          : section('通知', <Table id="notices" head={['通知', '对象', '状态', '时间']} empty="无"
            rows={view.notices.map((n) => [noticeKindLabels[n.kind as string] ?? (n.kind as string), nameOf(n.recipient), noticeStatusLabels[n.status as string] ?? (n.status as string), n.created_at as Date])} />, true)}
      </div>
      {props.around ? <AroundCard view={props.around} partyName={(id) => nameOf(id)} /> : null}
      {props.forms.length ? (
        <div class="card" id="actions">
          <h2>我现在可以办理</h2>
          {props.forms.map((form) => <ActionFormView form={form} postTo={props.postTo} outcome={props.outcome} />)}
        </div>
      ) : props.readOnly ? null : <div class="card"><p class="empty">当前阶段没有需要您办理的事项。</p></div>}
      <div class="card"><h2>全程留痕</h2><Timeline rows={props.timeline} /></div>
    </Layout>
  );
}

const preservationKindLabels: Record<string, string> = { pre_suit: '诉前财产保全', pre_arbitration: '仲裁前财产保全', in_suit: '诉讼中财产保全' };

export function PreservationPage(props: {
  actor: Actor; now: Date; view: PreservationView; timeline: AuditRow[]; deadlines: DeadlineRow[];
  forms: ActionForm[]; outcome?: FormOutcome; notice?: string; postTo: string; unavailable?: string; stopped?: string;
}) {
  const p = props.view.preservation;
  const renewals = props.timeline.filter((r) => r.action === 'preservation.renewMeasure');
  return (
    <Layout title={`财产保全 · ${show(p.application_number ?? p.preservation_id)}`} actor={props.actor} current="preservations">
      {props.notice ? <div class="alert ok" role="status">{props.notice}</div> : null}
      {props.stopped ? <StoppedBanner text={props.stopped} /> : null}
      {props.unavailable ? <div class="alert error" role="alert">{props.unavailable}</div> : null}
      <ErrorSummary outcome={props.outcome} forms={props.forms} />
      <div class="card">
        <dl class="facts">
          <dt>当前阶段</dt><dd><b id="stage" data-stage={p.stage}>{p.stage_label}</b></dd>
          <dt>保全类型</dt><dd>{preservationKindLabels[String(p.kind)] ?? show(p.kind)}{p.urgent ? '（情况紧急）' : ''}</dd>
          <dt>法院</dt><dd>{courtName(p.court)}</dd>
          <dt>案号</dt><dd>{show(p.case_number)}</dd>
          <dt>申请保全金额</dt><dd>{p.amount ? `${show(p.amount)} 元` : '—'}</dd>
          <dt>裁定</dt><dd>{p.ruling === 'granted' ? '准许' : p.ruling === 'refused' ? '驳回' : '待裁定'}{p.ruling_reason ? `（${show(p.ruling_reason)}）` : ''}</dd>
          <dt>保全转执行</dt><dd id="conversion">{p.converted_at ? `已转为执行措施（${formatTime(p.converted_at as Date)}，执行案号 ${show(p.enforcement_case_number)}）` : '尚未转执行'}</dd>
        </dl>
      </div>
      <div class="card"><PreservationDiagram stage={String(p.stage)} stageLabel={String(p.stage_label)} granted={p.ruling === 'granted'} converted={Boolean(p.converted_at)} /></div>
      <div class="card">
        <h2>保全措施与到期时间</h2>
        <ExpiryTimeline title="保全措施期限" now={props.now} spans={props.view.measures.map((m) => ({
          label: `${measureKindLabels[m.kind] ?? m.kind} ${m.asset}`.slice(0, 16),
          start: new Date(m.taken_at), end: new Date(m.expires_at),
          tone: m.status === 'lapsed' ? 'late' : m.status === 'live' && new Date(m.renew_by) < props.now ? 'late' : m.status === 'converted' ? 'ok' : 'neutral',
        }))} />
        <Table id="measures" head={['措施', '财产', '轮候', '采取时间', '到期', '最迟续行申请', '状态']} empty="尚无措施"
          rows={props.view.measures.map((m) => [measureKindLabels[m.kind] ?? m.kind, m.asset, m.rank as number, m.taken_at, m.expires_at, m.renew_by,
            measureStatus(m, props.now).text])} />
      </div>
      <div class="grid">
        <div class="card"><h2>续行记录</h2><Timeline rows={renewals} /></div>
        <div class="card"><h2>期限</h2><DeadlineList rows={props.deadlines} now={props.now} /></div>
        <div class="card"><h2>书面征询</h2>
          <Table id="consultations" head={['问题', '提出', '答复期限', '答复']} empty="无"
            rows={props.view.consultations.map((c) => [c.question as string, c.asked_at as Date, c.due_at as Date, (c.answer as string) ?? '待答复'])} />
        </div>
      </div>
      {props.forms.length ? (
        <div class="card" id="actions">
          <h2>我现在可以办理</h2>
          {props.forms.map((form) => <ActionFormView form={form} postTo={props.postTo} outcome={props.outcome} />)}
        </div>
      ) : <div class="card"><p class="empty">当前阶段没有需要您办理的事项。</p></div>}
      <div class="card"><h2>全程留痕</h2><Timeline rows={props.timeline} /></div>
    </Layout>
  );
}

export function ListPage(props: {
  actor: Actor; title: string; current: string; head: string[]; rows: { href: string; cells: Cell[]; overdue?: boolean }[]; missing?: string; id: string; actions?: Child;
  /** The search form above the table and the pager below it. */
  controls?: Child; pager?: Child;
}) {
  return (
    <Layout title={props.title} actor={props.actor} current={props.current}>
      {props.actions ? <div class="toolbar">{props.actions}</div> : null}
      <div class="card">
        {props.controls}
        {props.missing ? <p class="empty">{props.missing}</p> : props.rows.length === 0 ? <p class="empty">暂无。</p> : (
          <div class="scroll">
            <table id={props.id}>
              <thead><tr>{props.head.map((h) => <th>{h}</th>)}</tr></thead>
              <tbody>{props.rows.map((r) => (
                <tr data-overdue={r.overdue ? 'true' : undefined}>{r.cells.map((c, i) => (
                  <td>{i === 0 ? <a href={r.href}>{show(c)}</a> : show(c)}{i === 0 && r.overdue ? <> <span class="badge late">超期</span></> : null}</td>
                ))}</tr>
              ))}</tbody>
            </table>
          </div>
        )}
        {props.pager}
      </div>
    </Layout>
  );
}
