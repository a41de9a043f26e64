// Seizures on a debtor company's property known to courtrelay, for the transfer (执转破): its
// package lists seized property (GO art. 10 item 3) and, when no one consents, proceeds go to
// ordinary creditors in the order the seizures were made (民诉法解释 art. 514).
import type pg from 'pg';

export interface Seizure {
  debtorCreditCode: string;
  source: 'preservation' | 'enforcement';
  assetKind: string;
  asset: string;
  location: string;
  /** When the seizure was first made (a converted preservation keeps its original date). */
  takenAt: string;
  /** Rank among seizures on that asset (轮候顺位). */
  rank: number;
  court: string;
  /** The enforcement case the seizure now belongs to. */
  caseNumber: string;
  preservationId: string | null;
  measureId: string | null;
  convertedAt: string | null;
}

/** Every seizure on the debtor's property, earliest first (attachment order), then by rank. */
export async function seizuresForDebtor(pool: Pick<pg.Pool, 'query'>, creditCode: string): Promise<Seizure[]> {
  const { rows } = await pool.query<Seizure>(
    `select debtor_credit_code as "debtorCreditCode", source, asset_kind as "assetKind", asset, location,
            to_char(taken_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "takenAt", rank, court,
            case_number as "caseNumber", preservation_id as "preservationId", measure_id as "measureId",
            to_char(converted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "convertedAt"
       from seizures where debtor_credit_code = $1 order by taken_at, rank, seizure_key`,
    [creditCode],
  );
  return rows;
}

export function createSeizureActivities({ pool }: { pool: pg.Pool }) {
  return {
    async seizuresForDebtor(creditCode: string): Promise<Seizure[]> {
      return seizuresForDebtor(pool, creditCode);
    },
  };
}
