// The supervisor's card of notices the dispatcher gave up on (GET /notices?status=failed): a
// court's parties or staff may not have been told. Each row orders a redelivery with a reason
// (POST /notices/{noticeKey}/redelivery through the API, audited).
import type { UndeliveredNotice } from '../../schemas/notices';
import { courtName } from '../demo-users';
import { deliveryFailureLabel, noticeKindLabels, noticeStatusLabels } from '../labels';
import { formatTime } from '../layout';

export interface UndeliveredNoticesView {
  items: UndeliveredNotice[];
  /** The API refused or failed the list: its reason. */
  error?: string;
  /** A redelivery just ordered (ok) or refused, on the row of its notice. */
  outcome?: { noticeKey: string; ok: boolean; message: string; reason?: string };
  /** What staff call each notice's process (debtor and credit code, case number), by process id. */
  captions?: Map<string, string>;
  /** Parties' names, keyed `<process id> <party id>` (read-models.ts partyNamesOf). */
  partyNames?: Map<string, string>;
}

const recipientKinds: Record<string, string> = { party: '当事人', court: '法院', staff: '工作人员' };

function Row(props: { n: UndeliveredNotice; outcome?: UndeliveredNoticesView['outcome']; caption?: string; partyName?: string }) {
  const { n } = props;
  const mine = props.outcome?.noticeKey === n.noticeKey ? props.outcome : undefined;
  return (
    <tr data-notice={n.noticeKey}>
      <td>{noticeKindLabels[n.kind] ?? n.kind}<div class="muted">{props.caption ?? n.processId.replace(/^(transfer|preservation)-/, '')}</div></td>
      <td>{recipientKinds[n.recipientKind] ?? n.recipientKind} {n.recipientKind === 'court' ? courtName(n.recipient) : props.partyName ?? n.recipient}{n.caseNumber ? <div class="muted">{n.caseNumber}</div> : null}</td>
      <td>{courtName(n.court)}</td>
      <td>{noticeStatusLabels[n.status] ?? n.status}（已尝试{n.attempts}次）{n.lastError ? <div class="muted">{deliveryFailureLabel(n.lastError)}</div> : null}</td>
      <td>{formatTime(n.createdAt)}</td>
      <td>
        <form class="inline-form" method="post" action={`/console/board/notices/${encodeURIComponent(n.noticeKey)}/redelivery`}>
          <input type="text" name="reason" aria-label="重新投递理由" placeholder="重新投递理由" value={mine && !mine.ok ? mine.reason ?? '' : ''} />
          <button type="submit" class="secondary">重新投递</button>
        </form>
        {mine ? <div class={`alert ${mine.ok ? 'ok' : 'error'}`} role={mine.ok ? 'status' : 'alert'}>{mine.message}</div> : null}
      </td>
    </tr>
  );
}

export function UndeliveredNoticesCard(props: { view: UndeliveredNoticesView }) {
  const { items, error, outcome, captions, partyNames } = props.view;
  return (
    <div class="card">
      <h2>未能送达的通知</h2>
      <p class="muted">通知已按退避重试至上限仍未送达，当事人或有关法院可能尚未收到。核实送达方式后可重新投递（重试次数清零，立即发送，记入审计记录）。</p>
      {outcome?.ok ? <div class="alert ok" role="status">{outcome.message}</div> : null}
      {error ? <div class="alert error" role="alert">{error}</div> : items.length === 0 ? <p class="empty">没有未能送达的通知。</p> : (
        <div class="scroll">
          <table id="undelivered-notices">
            <thead><tr><th>通知</th><th>收件人</th><th>法院</th><th>状态</th><th>生成时间</th><th>处理</th></tr></thead>
            <tbody>{items.map((n) => <Row n={n} outcome={outcome?.ok ? undefined : outcome} caption={captions?.get(n.processId)} partyName={partyNames?.get(`${n.processId} ${n.recipient}`)} />)}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
