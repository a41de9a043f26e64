// The transfer-candidate worklist: which debtor companies look transferable (GO art. 2), found by
// the daily sweep from imported enforcement cases; enforcement officers list it by court and either
// trigger a transfer (POST /transfers) or dismiss a candidate with a reason.
import type pg from 'pg';
import type { Actor } from '../../workflows/shared/actor';
import type { Candidate, CandidateListQuery } from '../../api/schemas/candidates';
import { appendAuditEntry } from '../audit';
import { inTransaction } from '../../infra/db/database';

/** "Several unsatisfied cases across courts": at least this many cases in at least two courts. */
export const severalCases = 2;

export interface CandidateSweepInput {
  /** The day swept (CST 'YYYY-MM-DD'): the scheduled day, so a catch-up run sweeps for the day it was due. */
  sweepDate: string;
  sweptAt: string;
}

export interface CandidateSweepResult {
  sweepDate: string;
  listed: number;
  newlyListed: number;
  triggered: number;
}

// Enterprise debtors (企业法人, code issued by market regulation as an enterprise: 91…) with a case
// closed for lack of property (终本), or several unsatisfied cases in more than one court — and no
// transfer that is running or has run its course (a no-consent run may start again).
const sweepSql = `
with debtors as (
  select debtor_credit_code as credit_code,
         count(*)::int as case_count,
         (count(*) filter (where status = 'closed_no_property'))::int as closed_no_property,
         (count(*) filter (where status in ('open', 'closed_no_property')))::int as unsatisfied,
         coalesce(sum(outstanding_cents) filter (where status in ('open', 'closed_no_property')), 0)::bigint as outstanding,
         coalesce(array_agg(distinct court order by court) filter (where status in ('open', 'closed_no_property')), '{}') as courts
    from enforcement_cases
   where debtor_kind = 'enterprise_legal_person' and debtor_credit_code like '91%'
   group by debtor_credit_code
), eligible as (
  select d.*, array_remove(array[
           case when d.closed_no_property > 0 then format('终本案件%s件（终结本次执行程序，无财产可供执行）', d.closed_no_property) end,
           case when d.unsatisfied >= $3 and cardinality(d.courts) >= 2
                then format('%s个法院共%s件执行案件未执行完毕', cardinality(d.courts), d.unsatisfied) end
         ], null) as reasons
    from debtors d
   where (d.closed_no_property > 0 or (d.unsatisfied >= $3 and cardinality(d.courts) >= 2))
     and not exists (select 1 from transfers t where t.credit_code = d.credit_code and t.stage <> 'no_consent')
)
insert into candidate_worklist (credit_code, reasons, case_count, closed_no_property, unsatisfied, outstanding_cents, courts,
                                first_seen, last_swept, last_sweep_date)
select credit_code, reasons, case_count, closed_no_property, unsatisfied, outstanding, courts, $1, $1, $2 from eligible
on conflict (credit_code) do update set reasons = excluded.reasons, case_count = excluded.case_count,
  closed_no_property = excluded.closed_no_property, unsatisfied = excluded.unsatisfied,
  outstanding_cents = excluded.outstanding_cents, courts = excluded.courts, last_swept = excluded.last_swept,
  last_sweep_date = excluded.last_sweep_date,
  status = case when candidate_worklist.status = 'triggered' then 'open' else candidate_worklist.status end
returning (xmax = 0) as inserted`;

const markTriggeredSql = `
update candidate_worklist w set status = 'triggered', last_swept = $1
  from transfers t where t.credit_code = w.credit_code and t.stage <> 'no_consent' and w.status = 'open'`;

export async function sweepCandidates(pool: pg.Pool, input: CandidateSweepInput): Promise<CandidateSweepResult> {
  return inTransaction(pool, async (client) => {
    const listed = await client.query<{ inserted: boolean }>(sweepSql, [input.sweptAt, input.sweepDate, severalCases]);
    const triggered = await client.query(markTriggeredSql, [input.sweptAt]);
    return {
      sweepDate: input.sweepDate, listed: listed.rowCount ?? 0,
      newlyListed: listed.rows.filter((r) => r.inserted).length, triggered: triggered.rowCount ?? 0,
    };
  });
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The worklist of a court (a transfer started since the last sweep already shows as triggered). */
export async function listCandidates(pool: pg.Pool, query: CandidateListQuery): Promise<Candidate[]> {
  const { rows } = await pool.query<Candidate>(
    `select * from (
       select w.credit_code as "creditCode", w.reasons, w.case_count as "caseCount", w.closed_no_property as "closedNoProperty",
              w.unsatisfied, w.outstanding_cents::float8 as "outstandingCents", w.courts,
              case when w.status = 'open' and exists (select 1 from transfers t where t.credit_code = w.credit_code and t.stage <> 'no_consent')
                   then 'triggered' else w.status end as status,
              w.dismissed_reason as "dismissedReason", ${iso('w.first_seen')} as "firstSeen", ${iso('w.last_swept')} as "lastSwept"
         from candidate_worklist w
        where ($1::text is null or w.courts @> array[$1::text])) c
      where ($2::text is null or c.status = $2)
      order by c."closedNoProperty" desc, c."outstandingCents" desc, c."creditCode"`,
    [query.court ?? null, query.status ?? null],
  );
  return rows;
}

export class CandidateRefused extends Error {
  constructor(readonly status: 404 | 409 | 403, message: string) {
    super(message);
  }
}

/** An officer of one of the candidate's courts dismisses it, with a reason kept in the audit trail. */
export async function dismissCandidate(pool: pg.Pool, creditCode: string, reason: string, actor: Actor): Promise<void> {
  const found = await pool.query<{ status: string; courts: string[] }>('select status, courts from candidate_worklist where credit_code = $1', [creditCode]);
  const row = found.rows[0];
  if (!row) throw new CandidateRefused(404, `${creditCode}不在移送候选名单中 (not on the candidate worklist)`);
  if (actor.role !== 'administrator' && !row.courts.includes(actor.court ?? '')) {
    throw new CandidateRefused(403, `只能处理本院有案件的候选企业 (no case of ${actor.court ?? 'your court'} against ${creditCode})`);
  }
  const dismissedAt = new Date().toISOString();
  const updated = await pool.query(
    `update candidate_worklist set status = 'dismissed', dismissed_by = $2, dismissed_reason = $3, dismissed_at = $4
      where credit_code = $1 and status = 'open'
        and not exists (select 1 from transfers t where t.credit_code = $1 and t.stage <> 'no_consent')`,
    [creditCode, actor.userId, reason, dismissedAt],
  );
  if (!updated.rowCount) throw new CandidateRefused(409, `${creditCode}已${row.status === 'dismissed' ? '排除' : '启动移送'}，不能再排除 (status is not open)`);
  await appendAuditEntry(pool, {
    eventKey: `candidate-${creditCode}:dismissed:${dismissedAt}`, processKind: 'system', processId: `candidate-${creditCode}`,
    actor, action: 'dismissCandidate', reason, details: { creditCode, courts: row.courts }, occurredAt: dismissedAt,
  });
}

export function createCandidateActivities({ pool }: { pool: pg.Pool }) {
  return {
    async sweepTransferCandidates(input: CandidateSweepInput): Promise<CandidateSweepResult> {
      return sweepCandidates(pool, input);
    },
  };
}
