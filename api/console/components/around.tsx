// What has happened around the transfer's core (issue 5), as the API shows it to the person: a
// supervisor's suspension, the appeal against a rejection, the higher court's supervision, the
// known creditors and their notice, the attachment-order distribution, and corrections.
import type { TransferView } from '../../routes/transfer-views';
import { courtName } from '../demo-users';
import { actionLabel } from '../labels';
import { formatTime as when } from '../layout';

const grounds: Record<string, string> = { package_refused: '受移送法院拒绝接收材料', review_overdue: '逾三十日未裁定是否受理' };
const orders: Record<string, string> = { receive: '指令接收材料', rule: '指令作出是否受理的裁定' };

/** The banner of a suspended transfer: every other act waits for the supervisor's resumption. */
export function SuspensionBanner(props: { view: TransferView }) {
  const s = props.view.around?.suspension;
  if (!s) return null;
  return (
    <div class="alert error" role="status" id="suspended">
      本移送程序已由执行指挥中心于{when(s.at)}暂停：{s.reason}。暂停期间各期限停止计算，除恢复和更正外不能办理其他事项。
    </div>
  );
}

export function AroundCard(props: { view: TransferView; partyName: (id: string) => string }) {
  const a = props.view.around;
  if (!a) return null;
  const rows: [string, string][] = [];
  if (a.appeal) {
    const { filed, decided } = a.appeal;
    rows.push(['上诉期', `不予受理裁定送达后十日，自${when(a.appeal.windowOpenedAt)}起${a.appeal.lapsedAt ? `；已于${when(a.appeal.lapsedAt)}届满，无人上诉` : ''}`]);
    if (filed) rows.push(['上诉', `${filed.appellantPartyId ? `${props.partyName(filed.appellantPartyId)}于` : ''}${filed.filedOn}提起上诉`]);
    if (decided) rows.push(['上诉结果', `${decided.outcome === 'upheld' ? '驳回上诉，维持原裁定' : '撤销原裁定，指令受理'}（${decided.rulingNumber}，${decided.decidedOn}）`]);
  }
  for (const s of a.supervisions) {
    rows.push(['上级法院监督', `${when(s.requestedAt)}请求${courtName(s.higherCourt)}监督：${grounds[s.grounds] ?? s.grounds}。`
      + (s.order ? `已${orders[s.order.order] ?? s.order.order}（${s.order.orderNumber}）` : '待作出指令（十日）')]);
  }
  if (a.knownCreditors) {
    const k = a.knownCreditors;
    rows.push(['已知债权人', `${when(k.handedAt)}移交破产案件，共${k.partyIds.length}名${k.notifiedOn ? `；已于${k.notifiedOn}通知并公告（${k.announcementRef ?? ''}）` : '；待通知并公告（二十五日内）'}`]);
  }
  for (const c of a.corrections) {
    rows.push([`更正 #${c.corrects}`, `${actionLabel(c.correctedAction)}：${c.correction}（理由：${c.reason}）`]);
  }
  const distribution = a.distribution?.rows ?? [];
  if (rows.length === 0 && distribution.length === 0) return null;
  return (
    <div class="card" id="around">
      <h2>上诉、监督与更正</h2>
      {rows.length ? <dl class="facts">{rows.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}</dl> : null}
      {distribution.length ? (
        <>
          <h2 style="margin-top:12px">清偿顺序（民诉法解释第514条）</h2>
          <div class="scroll">
            <table id="distribution">
              <thead><tr><th>顺位</th><th>类别</th><th>债权人</th><th>查封时间</th></tr></thead>
              <tbody>{distribution.map((r) => (
                <tr><td>{r.position}</td><td>{r.label}</td><td>{r.creditorIds.map(props.partyName).join('、') || '—'}</td><td>{when(r.seizedAt)}</td></tr>
              ))}</tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
