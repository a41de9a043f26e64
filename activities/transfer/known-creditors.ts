// Known creditors (企业破产法 art. 14): on acceptance every applicant of the transferred enforcement
// cases is handed to the bankruptcy case as a known creditor; the bankruptcy court notifies them and
// announces the acceptance within 25 days. Written once per debtor and creditor.
import type pg from 'pg';

export interface KnownCreditor {
  partyId: string;
  name: string;
  caseNumbers: string[];
  courts: string[];
}

export interface KnownCreditorsInput {
  creditCode: string;
  bankruptcyCourt: string;
  rulingNumber: string;
  docketNumber?: string;
  creditors: KnownCreditor[];
}

export async function handOverKnownCreditors(pool: pg.Pool, input: KnownCreditorsInput): Promise<number> {
  let written = 0;
  for (const c of input.creditors) {
    const result = await pool.query(
      `insert into known_creditors (credit_code, party_id, name, case_numbers, courts, bankruptcy_court, ruling_number, docket_number)
       values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (credit_code, party_id) do nothing`,
      [input.creditCode, c.partyId, c.name, c.caseNumbers, c.courts, input.bankruptcyCourt, input.rulingNumber, input.docketNumber ?? null],
    );
    written += result.rowCount ?? 0;
  }
  return written;
}
