// The seizure register (issue 14, migration 170): every seizure on a debtor's property known to
// courtrelay, whatever its origin — a preservation measure from the day it is taken, the same
// seizure after conversion to enforcement, an enforcement seizure — with its term, expiry on the
// registry's date, release and the process and court holding it now. The transfer (执转破) reads
// it for its package (GO art. 10 item 3) and, when no one consents, for the payment order
// (民诉法解释 art. 514); the expiry sweep and the supervisor's expiring list run over it.
import type pg from 'pg';
import type { MeasureState } from '../../workflows/preservation/types';
import { canonicalCreditCode } from '../../workflows/shared/identifiers';

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
  /** The case the seizure belongs to now: the enforcement case once converted, else the suit (or the preservation itself before suit). */
  caseNumber: string;
  preservationId: string | null;
  measureId: string | null;
  convertedAt: string | null;
  /** Last instant of the current term on the registry's date, CST ISO; null for a seizure recorded without one. */
  expiresAt: string | null;
  /** Who holds it now: the preservation process, the enforcement case, or a transfer under review. */
  holder: 'preservation' | 'enforcement' | 'transfer';
  /** The court that renews it and is reminded of it. */
  holderCourt: string;
}

/** What the preservation workflow tells the register besides the measure itself. */
export interface RegisterContext {
  debtorCreditCode?: string;
  debtorPartyId: string;
  /** The enforcement case once converted, else the suit's case (none before a pre-suit suit). */
  caseNumber?: string;
  /** The court holding the seizure: the preservation's court, which also enforces it after conversion. */
  holdingCourt: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The register's status of a measure: a converted seizure is as much in effect as a live one. */
function registerStatus(m: MeasureState): 'live' | 'lapsed' | 'released' {
  if (m.status === 'converted') return m.endedAt ? 'released' : 'live';
  return m.status;
}

/**
 * Writes a preservation measure's register row, keyed `<preservation id>:<measure id>`: inserted
 * when taken, updated on renewal, lapse, release and conversion, so a retried write leaves the
 * same row. The debtor's credit code is stored in its canonical form.
 */
export async function registerMeasure(db: Queryable, preservationId: string, m: MeasureState, context: RegisterContext): Promise<void> {
  await db.query(
    `insert into seizures (seizure_key, debtor_credit_code, debtor_party_id, source, asset_kind, asset, location, taken_at,
       effective_at, rank, court, case_number, preservation_id, measure_id, converted_at, term, expires_at, renew_by, status,
       released_at, release_reason, release_ruling_number, release_ruled_on, holding_process, holding_court, officer)
     values ($1,$2,$3,'preservation',$4,$5,$6,$7,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$11,$9,$22)
     on conflict (seizure_key) do update set debtor_credit_code = excluded.debtor_credit_code, case_number = excluded.case_number,
       converted_at = excluded.converted_at, term = excluded.term, expires_at = excluded.expires_at, renew_by = excluded.renew_by,
       status = excluded.status, released_at = excluded.released_at, release_reason = excluded.release_reason,
       release_ruling_number = excluded.release_ruling_number, release_ruled_on = excluded.release_ruled_on,
       holding_court = excluded.holding_court, updated_at = now()`,
    [`${preservationId}:${m.measureId}`, context.debtorCreditCode ? canonicalCreditCode(context.debtorCreditCode) : null,
      context.debtorPartyId, m.kind, m.asset, m.location, m.takenAt, m.rank, context.holdingCourt, context.caseNumber ?? null,
      preservationId, m.measureId, m.convertedAt ?? null, m.term, m.expiresAt, m.renewBy, registerStatus(m),
      m.releasedAt ?? m.endedAt ?? null, m.releaseReason ?? null, m.releaseRuling?.number ?? null, m.releaseRuling?.ruledOn ?? null, m.recordedBy],
  );
}

/**
 * Every seizure in effect on the debtor's property, earliest first (attachment order), then by
 * rank. The code is matched in its canonical form (`canonicalCreditCode`), so a preservation that
 * named the debtor as `91110105-ma01abcd13` is found for the transfer of `91110105MA01ABCD13`.
 * Released and lapsed seizures secure nothing and are left out.
 */
export async function seizuresForDebtor(pool: Pick<pg.Pool, 'query'>, creditCode: string): Promise<Seizure[]> {
  const { rows } = await pool.query<Seizure>(
    `select debtor_credit_code as "debtorCreditCode", source, asset_kind as "assetKind", asset, location,
            ${iso('taken_at')} as "takenAt", rank, court,
            coalesce(case_number, preservation_id, seizure_key) as "caseNumber", preservation_id as "preservationId",
            measure_id as "measureId", ${iso('converted_at')} as "convertedAt", ${iso('expires_at')} as "expiresAt",
            holder, holder_court as "holderCourt"
       from seizure_register where debtor_credit_code = $1 and status = 'live' order by taken_at, rank, seizure_key`,
    [canonicalCreditCode(creditCode)],
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
