// The seizure register (issue 14, migration 170): every seizure on a debtor's property known to
// courtrelay, whatever its origin — a preservation measure from the day it is taken, the same
// seizure after conversion to enforcement, an enforcement seizure — with its term, expiry on the
// registry's date, release and the process and court holding it now. The transfer (执转破) reads
// it for its package (GO art. 10 item 3) and, when no one consents, for the payment order
// (民诉法解释 art. 514); the expiry sweep and the supervisor's expiring list run over it.
import type pg from 'pg';
import type { MeasureState } from '../../workflows/preservation/types';
import { assetIdentity, canonicalCreditCode } from '../../workflows/shared/identifiers';
import { cstDateOf } from '../../workflows/clock/cst';
import { enqueueProcessNotice } from '../notices/process-notices';

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
  /** The run knows ranks are the register's (patch 'seizure-promotion'): a seizure taken behind another is queued. */
  ranked?: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The register's status of a measure: a converted seizure is as much in effect as a live one. */
function registerStatus(m: MeasureState): 'live' | 'lapsed' | 'released' {
  if (m.status === 'converted') return m.endedAt ? 'released' : 'live';
  return m.status;
}

/**
 * The key seizures are ranked under (migration 195): the debtor (canonical credit code, else party
 * id), the asset's description and where it is held or registered, each in the one form the payment
 * order compares assets in (`assetIdentity`: however spaced, wide, dotted or with invisible characters). Two debtors' accounts named
 * alike, or one debtor's accounts at two banks, are different assets.
 */
export function assetKey(debtor: string, asset: string, location: string): string {
  return `${debtor}|${assetIdentity(asset)}|${assetIdentity(location)}`;
}

/** A seizure whose rank on its asset changed, for the process holding it (a Signal to its workflow). */
export interface SeizureRanked {
  seizureKey: string;
  preservationId: string | null;
  measureId: string | null;
  /** Its place on the asset now, 1 = first (轮候顺位). */
  rank: number;
  /** Set when it moved up from the queue to rank 1: the instant it takes effect, ISO (its term starts that day). */
  effectiveAt?: string;
}

/** Where the register placed a measure: its rank, whether it waits in the queue, and every rank that changed on its asset. */
export interface RegisterPlacement {
  rank: number;
  queued: boolean;
  ranked: SeizureRanked[];
}

/**
 * Writes a preservation measure's register row, keyed `<preservation id>:<measure id>`: inserted
 * when taken, updated on renewal, lapse, release and conversion, so a retried write leaves the
 * same row. The debtor's credit code is stored in its canonical form. Must run in a transaction:
 * the asset is locked while its seizures are ranked (`rankAsset`).
 *
 * The rank the officer typed is ignored: the register assigns it from the order of seizures on the
 * asset (查封扣押冻结规定 art. 26). With `context.ranked` (runs under the 'seizure-promotion' patch),
 * a seizure taken behind another one in effect is queued: no effect, no term, no expiry until it
 * moves up. When a seizure ends (released, lapsed), the next one on the asset moves up: its
 * holder's officer is sent a notice and the placement lists it for the holder's workflow.
 */
export async function registerMeasure(db: Queryable, preservationId: string, m: MeasureState, context: RegisterContext): Promise<RegisterPlacement> {
  const debtorCode = context.debtorCreditCode ? canonicalCreditCode(context.debtorCreditCode) : null;
  const key = assetKey(debtorCode ?? context.debtorPartyId, m.asset, m.location);
  await lockAsset(db, m.kind, key);
  const queued = m.queued === true;
  const { rows } = await db.query<{ inserted: boolean; queued: boolean }>(
    `insert into seizures (seizure_key, debtor_credit_code, debtor_party_id, source, asset_kind, asset, asset_key, location, taken_at,
       effective_at, rank, court, case_number, preservation_id, measure_id, converted_at, term, expires_at, renew_by, status,
       released_at, release_reason, release_ruling_number, release_ruled_on, holding_process, holding_court, officer, queued_since)
     values ($1,$2,$3,'preservation',$4,$5,$23,$6,$7,$24,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$11,$9,$22,
       case when $25::boolean then now() end)
     on conflict (seizure_key) do update set debtor_credit_code = excluded.debtor_credit_code, case_number = excluded.case_number,
       converted_at = excluded.converted_at, term = excluded.term,
       -- A write of a process that has not yet heard of its seizure's promotion leaves the promotion in place.
       expires_at = coalesce(excluded.expires_at, seizures.expires_at), renew_by = coalesce(excluded.renew_by, seizures.renew_by),
       effective_at = coalesce(seizures.effective_at, excluded.effective_at),
       queued_since = case when seizures.queued_since is null then null else excluded.queued_since end,
       status = excluded.status, released_at = excluded.released_at, release_reason = excluded.release_reason,
       release_ruling_number = excluded.release_ruling_number, release_ruled_on = excluded.release_ruled_on,
       holding_court = excluded.holding_court, updated_at = now()
     returning (xmax = 0) as inserted, queued_since is not null as queued`,
    [`${preservationId}:${m.measureId}`, debtorCode,
      context.debtorPartyId, m.kind, m.asset, m.location, m.takenAt, m.rank ?? 1, context.holdingCourt, context.caseNumber ?? null,
      preservationId, m.measureId, m.convertedAt ?? null, m.term, m.expiresAt || null, m.renewBy || null, registerStatus(m),
      m.releasedAt ?? m.endedAt ?? null, m.releaseReason ?? null, m.releaseRuling?.number ?? null, m.releaseRuling?.ruledOn ?? null, m.recordedBy,
      key, queued ? null : m.effectiveAt ?? m.takenAt, queued],
  );
  const row = rows[0]!;
  // The moment the first seizure stopped binding: a release at its recording, a lapse the instant after its term's last.
  const endedMs = m.status === 'lapsed' && m.expiresAt ? Date.parse(m.expiresAt) + 1 : Date.parse(m.releasedAt ?? m.endedAt ?? new Date().toISOString());
  const ranked = await rankAsset(db, m.kind, key, new Date(endedMs).toISOString());
  const own = ranked.find((r) => r.seizureKey === `${preservationId}:${m.measureId}`);
  const { rows: [placed] } = await db.query<{ rank: number; queued: boolean }>(
    'select rank, queued_since is not null as queued from seizures where seizure_key = $1', [`${preservationId}:${m.measureId}`]);
  let isQueued = placed!.queued;
  // A new seizure behind one in effect waits in the queue (art. 26): its term starts when it moves up.
  if (row.inserted && context.ranked && registerStatus(m) === 'live' && placed!.rank > 1) {
    await db.query(
      `update seizures set queued_since = now(), effective_at = null, expires_at = null, renew_by = null where seizure_key = $1`,
      [`${preservationId}:${m.measureId}`]);
    isQueued = true;
  }
  return { rank: own?.rank ?? placed!.rank, queued: isQueued, ranked: ranked.filter((r) => r !== own || r.effectiveAt !== undefined) };
}

async function lockAsset(db: Queryable, assetKind: string, key: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`seizure-asset:${assetKind}:${key}`]);
}

/**
 * Ranks the seizures in effect or queued on one asset in the registry's order — the day taken,
 * then the order recorded (查封扣押冻结规定 art. 26) — so ranks are 1..n without gaps. A queued
 * seizure that reaches rank 1 moves up: it takes effect at `promotedAt` (its term starts that day,
 * computed by its holder with measureTerm), and its holder's officer gets a notice. Returns every
 * seizure whose rank changed or that moved up. Call with the asset locked (`lockAsset`).
 */
export async function rankAsset(db: Queryable, assetKind: string, key: string, promotedAt: string): Promise<SeizureRanked[]> {
  const { rows } = await db.query<{
    seizure_key: string; rank: number; queued: boolean; preservation_id: string | null; measure_id: string | null;
    officer: string | null; court: string; case_number: string | null; asset: string; location: string; debtor_credit_code: string | null;
  }>(
    `select seizure_key, rank, queued_since is not null as queued, preservation_id, measure_id, officer, coalesce(holding_court, court) as court,
            case_number, asset, location, debtor_credit_code
       from seizures where asset_kind = $1 and asset_key = $2 and status = 'live'
      order by taken_at, recorded_at, seizure_key for update`,
    [assetKind, key],
  );
  const changed: SeizureRanked[] = [];
  for (const [i, r] of rows.entries()) {
    const rank = i + 1;
    const promoted = rank === 1 && r.queued;
    if (r.rank === rank && !promoted) continue;
    await db.query(
      `update seizures set rank = $2, queued_since = case when $3::boolean then null else queued_since end,
              effective_at = case when $3::boolean then $4::timestamptz else effective_at end, updated_at = now()
        where seizure_key = $1`,
      [r.seizure_key, rank, promoted, promotedAt]);
    if (r.preservation_id && r.measure_id) {
      await db.query('update preservation_measures set rank = $3, updated_at = now() where preservation_id = $1 and measure_id = $2',
        [r.preservation_id, r.measure_id, rank]);
    }
    if (promoted && r.preservation_id && r.officer) {
      await enqueueProcessNotice(db, {
        noticeKey: `seizure-promoted:${r.seizure_key}:${promotedAt}`, processKind: 'preservation', processId: r.preservation_id,
        kind: 'seizure_promoted', recipientKind: 'staff', recipient: r.officer, court: r.court, caseNumber: r.case_number ?? undefined,
        creditCode: r.debtor_credit_code ?? undefined,
        body: `轮候查封（扣押、冻结）已递升为第一顺位：${r.asset}（${r.location}），自${cstDateOf(Date.parse(promotedAt))}起生效，期限自该日起算；`
          + '请关注新的到期日，提醒申请人及时申请续行（最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定第二十六条）。',
        details: { seizureKey: r.seizure_key, measureId: r.measure_id, effectiveAt: promotedAt },
      });
    }
    changed.push({ seizureKey: r.seizure_key, preservationId: r.preservation_id, measureId: r.measure_id, rank,
      ...(promoted ? { effectiveAt: promotedAt } : {}) });
  }
  return changed;
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
