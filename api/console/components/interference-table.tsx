// The interference log as staff read it: when, which case, who asked and how, what was asked and
// answered, who recorded it. Shown on the 干预过问 page and the supervisor's board.
import { courtName, personName } from '../demo-users';
import { interferenceChannelLabels } from '../labels';
import { formatTime } from '../layout';
import type { InterferenceRow } from '../read-models';

export function InterferenceTable(props: { rows: InterferenceRow[] | undefined; id: string; showResponse?: boolean }) {
  if (props.rows === undefined) return <p class="empty">干预记录功能尚未启用。</p>;
  if (props.rows.length === 0) return <p class="empty">暂无记录。</p>;
  return (
    <div class="scroll">
      <table id={props.id}>
        <thead><tr><th>发生时间</th><th>案件</th><th>过问人</th><th>方式</th><th>内容</th>{props.showResponse ? <th>答复</th> : null}<th>记录人</th></tr></thead>
        <tbody>{props.rows.map((r) => (
          <tr data-interference={r.id}>
            <td>{formatTime(r.occurred_at)}</td><td>{r.case_ref}</td>
            <td>{r.intervenor_name}（{r.intervenor_unit} {r.intervenor_position}）</td>
            <td>{interferenceChannelLabels[r.channel as keyof typeof interferenceChannelLabels] ?? '其他'}</td><td>{r.request}</td>
            {props.showResponse ? <td>{r.response ?? '—'}</td> : null}
            <td>{personName(r.recorded_by)}{r.recorded_by_court ? <div class="muted">{courtName(r.recorded_by_court)} · {formatTime(r.recorded_at)}记录</div> : null}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
