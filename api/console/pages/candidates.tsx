// The transfer-candidate worklist of an enforcement officer's court (GET /transfer-candidates): the
// debtor companies the daily sweep found to look transferable, each with "trigger" (the trigger form
// prefilled) and "dismiss with a reason" (POST /transfer-candidates/{code}/dismissal, audited).
import type { Actor } from '../../../workflows/shared/actor';
import type { Candidate } from '../../schemas/candidates';
import { courtName } from '../demo-users';
import { formatTime, Layout } from '../layout';

export interface DismissalOutcome {
  creditCode: string;
  message: string;
  /** Problems with the reason field, shown under it in that row. */
  reasonErrors: string[];
  reason: string;
}

const statusLabels: Record<string, string> = { open: '待处理', triggered: '已发起移送', dismissed: '已排除' };
const filters: [string, string][] = [['open', '待处理'], ['dismissed', '已排除'], ['triggered', '已发起移送'], ['all', '全部']];

const yuan = (cents: number) => `${(cents / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

function Row(props: { c: Candidate; canTrigger: boolean; canDismiss: boolean; outcome?: DismissalOutcome }) {
  const { c, outcome } = props;
  const mine = outcome?.creditCode === c.creditCode ? outcome : undefined;
  return (
    <tr data-candidate={c.creditCode}>
      <td>{c.creditCode}</td>
      <td>{c.reasons.join('；')}</td>
      <td>{c.caseCount}件（终本{c.closedNoProperty}件，未执行完毕{c.unsatisfied}件）</td>
      <td>{yuan(c.outstandingCents)}</td>
      <td>{c.courts.map(courtName).join('、')}</td>
      <td>{statusLabels[c.status] ?? c.status}{c.dismissedReason ? <div class="muted">理由：{c.dismissedReason}</div> : null}</td>
      <td>{formatTime(c.firstSeen)}</td>
      <td>
        {c.status === 'open' && props.canTrigger ? <a class="button" href={`/console/transfers/new?candidate=${encodeURIComponent(c.creditCode)}`}>发起执转破</a> : null}
        {c.status === 'open' && props.canDismiss ? (
          <form class="inline-form dismiss" method="post" action={`/console/candidates/${encodeURIComponent(c.creditCode)}/dismissal`} style="margin-top:6px">
            <div class={mine?.reasonErrors.length ? 'field invalid' : 'field'} style="margin:0">
              <label for={`reason-${c.creditCode}`} class="muted">排除理由</label>
              <input id={`reason-${c.creditCode}`} type="text" name="reason" value={mine?.reason ?? ''} />
              {mine?.reasonErrors.map((e) => <div class="error" data-field-error="reason">{e}</div>)}
            </div>
            <button type="submit" class="secondary">排除</button>
          </form>
        ) : null}
        {mine && mine.reasonErrors.length === 0 ? <div class="alert error" role="alert">{mine.message}</div> : null}
      </td>
    </tr>
  );
}

export function CandidatesPage(props: {
  actor: Actor; items: Candidate[]; status: string; canTrigger: boolean; canDismiss: boolean; notice?: string; error?: string; outcome?: DismissalOutcome;
}) {
  return (
    <Layout title="移送破产审查候选企业" actor={props.actor} current="candidates">
      {props.notice ? <div class="alert ok" role="status">{props.notice}</div> : null}
      {props.error ? <div class="alert error" role="alert">{props.error}</div> : null}
      {props.outcome?.reasonErrors.length ? <div class="alert error" role="alert">{props.outcome.message}</div> : null}
      <div class="card">
        <p class="muted">
          每日定时检索本院执行案件：被执行人为企业法人，有终本案件，或在两个以上法院有未执行完毕的案件，且尚无移送程序的，列入此表。
          由执行法官决定发起移送，或写明理由排除（指导意见第二条、第三条）。
        </p>
        <div class="toolbar">
          {filters.map(([value, label]) => (
            <a href={`/console/candidates?status=${value}`} aria-current={props.status === value ? 'page' : undefined} style="margin-right:12px">{label}</a>
          ))}
        </div>
        {props.items.length === 0 ? <p class="empty">暂无候选企业。</p> : (
          <div class="scroll">
            <table id="candidates">
              <thead><tr><th>统一社会信用代码</th><th>列入理由</th><th>执行案件</th><th>未履行金额</th><th>法院</th><th>状态</th><th>首次列入</th><th>处理</th></tr></thead>
              <tbody>{props.items.map((c) => <Row c={c} canTrigger={props.canTrigger} canDismiss={props.canDismiss} outcome={props.outcome} />)}</tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}
