// Search conditions of the transfer and preservation lists, added to a list-scope filter
// (list-scope.ts) so a search only ever narrows what the person may see. One place for the API's
// GET /transfers and GET /preservations and the console's lists.
import type { SqlFilter } from './list-scope';

/** `%`, `_` and `\` typed by a person match themselves, not any text. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * A transfer list's search over the `transfers` alias `t`: `q` matches the debtor's name (part of it),
 * the credit code (part of it, case-insensitive) or a 案号 of any of its cases (part of it).
 */
export function addTransferSearch(filter: SqlFilter, q: string | undefined): SqlFilter {
  const text = q?.trim();
  if (!text) return filter;
  const pattern = likePattern(text);
  return filter.add(
    `(t.credit_code ilike ? or exists (select 1 from transfer_parties p where p.credit_code = t.credit_code and p.kind = 'debtor' and p.name ilike ?)
      or exists (select 1 from transfer_cases c where c.credit_code = t.credit_code and c.case_number ilike ?))`,
    pattern, pattern, pattern,
  );
}

/**
 * A preservation list's search over `preservations` aliased `p`: `q` matches the 案号, the application
 * number, the respondent's credit code, or the respondent's name where a transfer of that debtor holds
 * it; `overdue` keeps those with a live deadline past due.
 */
export function addPreservationSearch(filter: SqlFilter, search: { q?: string; overdue?: boolean }): SqlFilter {
  const text = search.q?.trim();
  if (text) {
    const pattern = likePattern(text);
    filter.add(
      `(p.case_number ilike ? or p.application_number ilike ? or p.respondent_credit_code ilike ?
        or exists (select 1 from transfer_parties tp where tp.credit_code = p.respondent_credit_code and tp.kind = 'debtor' and tp.name ilike ?))`,
      pattern, pattern, pattern, pattern,
    );
  }
  if (search.overdue !== undefined) {
    filter.add(`${search.overdue ? '' : 'not '}exists (select 1 from deadlines d where d.process_id = p.preservation_id
      and (d.status = 'overdue' or (d.status = 'open' and d.due_at < now())))`);
  }
  return filter;
}
