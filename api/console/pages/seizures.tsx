// The seizure register of one debtor (issue 14; 查封扣押冻结规定 art. 26): every seizure of the debtor
// the person's court may see, grouped by asset, each asset's seizures in rank order — who holds
// each now, when it took effect, when it expires and by when to apply for renewal. Read from
// GET /seizures?debtor=; a queued seizure shows no term (its term starts when it moves up).
import type { Actor } from '../../../workflows/shared/actor';
import { courtName } from '../demo-users';
import { formatTime, Layout } from '../layout';
import { measureKindLabels, seizureHolderLabels as holderLabels } from '../labels';

export interface RegisterRow {
  seizureKey: string; assetKey: string; kind: string; asset: string; location: string; rank: number; status: string; queued: boolean;
  term: number; holderCourt: string; holder: string; preservationId: string | null; transferId: string | null; caseNumber: string | null;
  takenAt: string; effectiveAt: string | null; queuedSince: string | null; expiresAt: string | null; renewBy: string | null;
  releasedAt: string | null; releaseRulingNumber: string | null;
}

function statusOf(r: RegisterRow): string {
  if (r.status === 'released') return r.releaseRulingNumber ? `已解除（${r.releaseRulingNumber}）` : '已解除';
  if (r.status === 'lapsed') return '已失效';
  if (r.queued) return `轮候第${r.rank}位，尚未生效`;
  return r.rank === 1 ? '首封，有效' : `第${r.rank}顺位，有效`;
}

function processLink(r: RegisterRow) {
  if (r.transferId) return <a href={`/console/transfers/${encodeURIComponent(r.transferId.replace(/^transfer-/, ''))}`}>{holderLabels[r.holder] ?? r.holder}</a>;
  if (r.preservationId) return <a href={`/console/preservations/${encodeURIComponent(r.preservationId)}`}>{holderLabels[r.holder] ?? r.holder}</a>;
  return <span>{holderLabels[r.holder] ?? r.holder}</span>;
}

export function SeizuresPage(props: { actor: Actor; debtor: string; rows: RegisterRow[]; error?: string }) {
  const assets = new Map<string, RegisterRow[]>();
  for (const r of props.rows) assets.set(`${r.kind}|${r.assetKey}`, [...(assets.get(`${r.kind}|${r.assetKey}`) ?? []), r]);
  return (
    <Layout title="查封、扣押、冻结登记" actor={props.actor} current="preservations">
      <div class="card">
        <h1>查封、扣押、冻结登记</h1>
        <form method="get" action="/console/seizures" class="inline-form">
          <div class="field">
            <label for="debtor">被执行人统一社会信用代码<span class="required" aria-hidden="true">*</span></label>
            <input id="debtor" name="debtor" value={props.debtor} required maxlength={18} />
          </div>
          <button type="submit">查询</button>
        </form>
        {props.error ? <div class="alert error" role="alert">{props.error}</div> : null}
        {props.debtor && !props.error && props.rows.length === 0 ? <p class="muted">本院没有该被执行人的查封、扣押、冻结记录。</p> : null}
      </div>
      {[...assets.values()].map((rows) => (
        <div class="card" data-asset={rows[0]!.assetKey}>
          <h2>{measureKindLabels[rows[0]!.kind] ?? '财产'}：{rows[0]!.asset}<span class="muted">（{rows[0]!.location}）</span></h2>
          <table>
            <thead><tr><th>顺位</th><th>状态</th><th>查封日期</th><th>生效日期</th><th>到期日期</th><th>续行申请截止</th><th>持有法院</th><th>所在程序</th><th>案号</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr data-seizure={r.seizureKey}>
                  <td>{r.status === 'live' ? r.rank : '—'}</td>
                  <td>{statusOf(r)}</td>
                  <td>{formatTime(r.takenAt)}</td>
                  <td>{r.effectiveAt ? formatTime(r.effectiveAt) : '—'}</td>
                  <td>{r.expiresAt ? formatTime(r.expiresAt) : '—'}</td>
                  <td>{r.renewBy ? formatTime(r.renewBy) : '—'}</td>
                  <td>{courtName(r.holderCourt)}</td>
                  <td>{processLink(r)}</td>
                  <td>{r.caseNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </Layout>
  );
}
