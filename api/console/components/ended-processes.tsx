// The supervisor's card of processes Temporal stopped without their workflow finishing
// (../../http/ended-by-engine.ts): terminated, failed, timed out or cancelled. Nothing else in the
// console shows them — their read model still reads as in force — and none of their deadlines will fire.
import type { EndedProcess } from '../../http/ended-by-engine';
import { engineEndLabels } from '../../http/ended-by-engine';
import { courtName } from '../demo-users';
import { processKindLabels } from '../labels';
import { formatTime } from '../layout';

const pageOf = (p: EndedProcess) => (p.kind === 'transfer'
  ? `/console/transfers/${encodeURIComponent(p.workflowId.replace(/^transfer-/, ''))}`
  : `/console/preservations/${encodeURIComponent(p.workflowId)}`);

/** `captions`: what staff call each process (debtor and credit code, case number), by workflow id. */
export function EndedProcessesCard(props: { rows: EndedProcess[]; captions?: Map<string, string>; unavailable?: boolean }) {
  return (
    <div class="card">
      <h2>已被流程引擎停止的程序</h2>
      <p class="muted">这些程序未按法定程序结束，而是在流程引擎中被终止、运行失败、超时或取消：其期限不会再提醒，也不能办理任何事项，页面上的状态只是停止时的记录。
        在技术人员恢复之前，请承办人人工跟进期限；恢复后自动从此处消失。</p>
      {props.unavailable ? <p class="alert error" role="alert">暂时无法从流程引擎读取已停止的程序，请稍后刷新。</p>
        : props.rows.length === 0 ? <p class="empty">没有被流程引擎停止的程序。</p> : (
          <div class="scroll">
            <table id="ended-processes">
              <thead><tr><th>程序</th><th>法院</th><th>状态</th><th>停止时间</th><th>怎么办</th></tr></thead>
              <tbody>{props.rows.map((r) => (
                // The workflow id stays in an attribute for whoever opens Temporal.
                <tr data-process={r.workflowId} data-engine-status={r.end}>
                  <td><a href={pageOf(r)}>{processKindLabels[r.kind]} {props.captions?.get(r.workflowId) ?? r.workflowId.replace(/^(transfer|preservation)-/, '')}</a></td>
                  <td>{r.court ? courtName(r.court) : '未知'}</td>
                  <td><span class="badge late">{engineEndLabels[r.end].label}</span></td>
                  <td>{formatTime(r.closedAt)}</td>
                  <td>{engineEndLabels[r.end].remedy}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        )}
    </div>
  );
}
