// Enforcement cases imported from a court's case system: one row per (court, case number), so
// importing the same export twice changes nothing and a corrected row replaces the old one.
import type pg from 'pg';
import type { EnforcementCaseRow } from '../../api/schemas/candidates';
import { inTransaction } from '../../infra/db/database';

export interface UpsertCounts {
  accepted: number;
  updated: number;
  unchanged: number;
}

/** Writes valid rows in one transaction; counts new, changed and identical rows. */
export async function upsertEnforcementCases(pool: pg.Pool, rows: EnforcementCaseRow[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { accepted: 0, updated: 0, unchanged: 0 };
  if (!rows.length) return counts;
  return inTransaction(pool, async (client) => {
    for (const r of rows) {
      const result = await client.query<{ inserted: boolean }>(
        `insert into enforcement_cases (court, case_number, debtor_credit_code, debtor_kind, applicant_count, outstanding_cents,
           status, filed_on, closed_on, applicants) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         on conflict (court, case_number) do update set debtor_credit_code = excluded.debtor_credit_code,
           debtor_kind = excluded.debtor_kind, applicant_count = excluded.applicant_count,
           outstanding_cents = excluded.outstanding_cents, status = excluded.status, filed_on = excluded.filed_on,
           closed_on = excluded.closed_on, applicants = coalesce(excluded.applicants, enforcement_cases.applicants), updated_at = now()
         where (enforcement_cases.debtor_credit_code, enforcement_cases.debtor_kind, enforcement_cases.applicant_count,
                enforcement_cases.outstanding_cents, enforcement_cases.status, enforcement_cases.filed_on, enforcement_cases.closed_on,
                enforcement_cases.applicants)
           is distinct from (excluded.debtor_credit_code, excluded.debtor_kind, excluded.applicant_count,
                excluded.outstanding_cents, excluded.status, excluded.filed_on, excluded.closed_on,
                coalesce(excluded.applicants, enforcement_cases.applicants))
         returning (xmax = 0) as inserted`,
        [r.court, r.caseNumber, r.debtorCreditCode, r.debtorKind, r.applicantCount, r.outstandingCents, r.status, r.filedOn,
          r.closedOn ?? null, r.applicants ? JSON.stringify(r.applicants) : null],
      );
      const row = result.rows[0];
      if (!row) counts.unchanged++;
      else if (row.inserted) counts.accepted++;
      else counts.updated++;
    }
    return counts;
  });
}
