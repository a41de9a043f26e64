// The supervisor's card of processes whose activity keeps failing (process_failures, written by the
// worker, activities/failures.ts): a process there cannot move until someone looks — a value the
// database refuses, or a write that failed three times running.
import type { ProcessFailureRow } from '../../../activities/failures';
import { courtName } from '../demo-users';
import { processFailureLabel } from '../labels';
import { formatTime } from '../layout';

// Workflow type → the process's label and its console page.
const kinds: Record<string, { label: string; href: (id: string) => string }> = {
  transferWorkflow: { label: '执转破', href: (id) => `/console/transfers/${encodeURIComponent(id.replace(/^transfer-/, ''))}` },
  preservation: { label: '财产保全', href: (id) => `/console/preservations/${encodeURIComponent(id)}` },
};

/** `captions`: what staff call each process (debtor and credit code, case number), by workflow id. */
export function FailingProcessesCard(props: { rows: ProcessFailureRow[]; captions?: Map<string, string> }) {
  return (
    <div class="card">
      <h2>运行受阻的程序</h2>
      <p class="muted">这些程序的写入或操作反复失败（数据库拒绝的值、连续三次失败），程序无法继续推进，需要技术人员处理；恢复后自动从此处消失。</p>
      {props.rows.length === 0 ? <p class="empty">没有运行受阻的程序。</p> : (
        <div class="scroll">
          <table id="failing-processes">
            <thead><tr><th>程序</th><th>法院</th><th>失败的步骤</th><th>原因</th><th>首次 / 最近失败</th></tr></thead>
            <tbody>{props.rows.map((r) => {
              const kind = kinds[r.workflowType];
              return (
                // The technical names (workflow id, activity, error type) stay in attributes for whoever opens the logs.
                <tr data-process={r.workflowId} data-activity={r.activityType} data-error-type={r.errorType}>
                  <td>{kind ? <a href={kind.href(r.workflowId)}>{kind.label} {props.captions?.get(r.workflowId) ?? r.workflowId.replace(/^(transfer|preservation)-/, '')}</a> : '未识别的程序（编号见运行日志）'}</td>
                  <td>{r.court ? courtName(r.court) : '未知'}</td>
                  <td>第{r.attempt}次尝试失败{r.retryable ? '' : <b>，重试无法修复</b>}</td>
                  <td>{processFailureLabel(r)}</td>
                  <td>{formatTime(r.firstFailedAt)} / {formatTime(r.lastFailedAt)}</td>
                </tr>
              );
            })}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
