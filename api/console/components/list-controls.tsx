// The search form and pager above a long list (issue 17): 案号, debtor name or credit code, stage,
// court, overdue only; twenty rows a page, numbered pages through every match (no row cap).
import type { ListSearch } from '../read-models';

export const listPageSize = 20;

/** A list page's search from its query string; unknown or malformed values are ignored. */
export function listSearchFrom(query: Record<string, string | undefined>): ListSearch {
  const page = Number.parseInt(query.page ?? '1', 10);
  const text = (value: string | undefined) => (value && value.trim() ? value.trim().slice(0, 100) : undefined);
  return { q: text(query.q), stage: text(query.stage), court: text(query.court), overdue: query.overdue === '1', page: Number.isFinite(page) && page > 0 ? page : 1, pageSize: listPageSize };
}

function hrefFor(base: string, search: ListSearch, page: number): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.stage) params.set('stage', search.stage);
  if (search.court) params.set('court', search.court);
  if (search.overdue) params.set('overdue', '1');
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

export function ListSearchForm(props: {
  action: string; search: ListSearch; stages: { value: string; label: string }[]; courts?: { value: string; label: string }[]; placeholder: string;
}) {
  const { search } = props;
  return (
    <form method="get" action={props.action} class="inline-form list-search" role="search" aria-label="检索">
      <input type="search" name="q" value={search.q ?? ''} placeholder={props.placeholder} aria-label={props.placeholder} />
      <select name="stage" aria-label="阶段">
        <option value="">全部阶段</option>
        {props.stages.map((s) => <option value={s.value} selected={search.stage === s.value}>{s.label}</option>)}
      </select>
      {props.courts ? (
        <select name="court" aria-label="法院">
          <option value="">全部法院</option>
          {props.courts.map((c) => <option value={c.value} selected={search.court === c.value}>{c.label}</option>)}
        </select>
      ) : null}
      <label><input type="checkbox" name="overdue" value="1" checked={search.overdue} /> 仅看超期</label>
      <button type="submit">检索</button>
    </form>
  );
}

export function Pager(props: { base: string; search: ListSearch; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / props.search.pageSize));
  const page = Math.min(props.search.page, pages);
  return (
    <nav class="pager" aria-label="分页" data-total={props.total}>
      <span class="muted">共 {props.total} 件，第 {page}/{pages} 页</span>
      {page > 1 ? <a href={hrefFor(props.base, props.search, page - 1)} rel="prev">上一页</a> : null}
      {page < pages ? <a href={hrefFor(props.base, props.search, page + 1)} rel="next">下一页</a> : null}
    </nav>
  );
}
