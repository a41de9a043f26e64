// Lists and searches in SQL, limited by the permission table's list scope (listScope in
// workflows/shared/permissions.ts): every list route builds its WHERE clause here, so no route
// decides on its own whose rows a person sees. A `?court=` filter only ever narrows the scope.
import type { Actor } from '../../workflows/shared/actor';
import { listScope, type Action } from '../../workflows/shared/permissions';
import { ApiError } from './errors';

/**
 * The columns of one list that say where a row stands. `home` is the court that runs the process;
 * `receiving` and `involved` (a text[] column) only where the list has them: without them an
 * 'involved' scope reaches the home court alone. `party(p)` is a condition on the party-id
 * parameter `p` (lists a party may read); `processId` the column matched against a party token's caseIds.
 */
export interface ScopeColumns {
  home: string;
  receiving?: string;
  involved?: string;
  party?: (partyParam: string) => string;
  processId?: string;
}

/** Where a transfer stands in the `transfers` read model (aliased `t`), for GET /transfers and the console's list. */
export const transferScopeColumns: ScopeColumns = {
  home: 't.home_court', receiving: 't.receiving_court', involved: 't.involved_courts', processId: 't.workflow_id',
  party: (p) => `exists (select 1 from transfer_parties p where p.credit_code = t.credit_code and p.party_id = ${p})`,
};

/** A WHERE clause being built: `add` numbers each `?` of a condition as the next parameter. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, ...values: unknown[]): this {
    let next = 0;
    this.conditions.push(condition.replace(/\?/g, () => {
      this.params.push(values[next++]);
      return `$${this.params.length}`;
    }));
    return this;
  }

  /** `where a and b`, or '' when nothing narrows the list. */
  get where(): string {
    return this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
  }
}

function forbidden(message: string): ApiError {
  return new ApiError(403, { error: 'Forbidden', message: `无权查看 (forbidden: ${message})` });
}

function standingCondition(columns: ScopeColumns, standing: 'home' | 'receiving' | 'involved'): string {
  const parts = [standing === 'receiving' ? columns.receiving : columns.home];
  if (standing === 'involved') parts.push(columns.receiving, columns.involved && `? = any(${columns.involved})`);
  const present = parts.filter((p): p is string => p !== undefined).map((p) => (p.includes('?') ? p : `${p} = ?`));
  return present.length ? `(${present.join(' or ')})` : 'false';
}

/**
 * A filter holding only the rows `actor` may see in a list governed by `action`, narrowed to
 * `askedCourt` (`?court=`) when given: the rows that court runs or, where the list knows them,
 * receives or is involved in. A 403 (in Chinese, naming the action) when the table gives the
 * role no list, or when a home-court scope is asked for another court (that list would always be empty).
 */
export function scopedFilter(actor: Actor, action: Action, columns: ScopeColumns, askedCourt?: string): SqlFilter {
  const filter = new SqlFilter();
  const scope = listScope(actor, action);
  const occurrences = (condition: string) => condition.split('?').length - 1;
  const byCourt = (condition: string, court: string) => filter.add(condition, ...Array<string>(occurrences(condition)).fill(court));
  switch (scope.kind) {
    case 'nothing':
      throw forbidden(scope.reason);
    case 'everything':
      break;
    case 'party':
      if (!columns.party) throw forbidden(`${action}: 此列表不含当事人的程序 (this list holds no party's processes)`);
      filter.add(columns.party('?'), scope.partyId);
      if (scope.caseIds && columns.processId) filter.add(`${columns.processId} = any(?::text[])`, scope.caseIds);
      break;
    case 'court':
      if (scope.standing === 'home' && askedCourt !== undefined && askedCourt !== scope.court) {
        throw forbidden(`${action}: 只能查看本院（${scope.court}）的记录，不能查看 ${askedCourt} (a ${actor.role} lists its own court only)`);
      }
      byCourt(standingCondition(columns, scope.standing), scope.court);
      break;
  }
  if (askedCourt !== undefined) byCourt(standingCondition(columns, 'involved'), askedCourt);
  return filter;
}

/**
 * For lists kept per court (one court column, read by an activity taking one court): the court to
 * list — the actor's own for a court-bound scope, `askedCourt` or every court (undefined) for
 * 'anywhere'. Same table, same refusals as scopedFilter.
 */
export function scopedCourt(actor: Actor, action: Action, askedCourt?: string): string | undefined {
  const scope = listScope(actor, action);
  if (scope.kind === 'nothing') throw forbidden(scope.reason);
  if (scope.kind === 'party') throw forbidden(`${action}: 此列表不含当事人的程序 (this list holds no party's processes)`);
  if (scope.kind === 'everything') return askedCourt;
  if (askedCourt !== undefined && askedCourt !== scope.court) {
    throw forbidden(`${action}: 只能查看本院（${scope.court}）的记录，不能查看 ${askedCourt} (a ${actor.role} lists its own court only)`);
  }
  return scope.court;
}
