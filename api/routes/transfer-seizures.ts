// The debtor's seizures as one person may see them in a transfer (issue 14). The register lists
// every seizure of the debtor (matched by canonical credit code), the transfer's status shows them
// beside its own property, and the payment order (民诉法解释 art. 514) names them. A seizure made by a
// pre-suit or pre-arbitration preservation not yet carried out is kept from the respondent — here
// the transfer's debtor — by the preservation's own rule (workflows/preservation/secrecy.ts): the
// debtor's token must not learn from the transfer what GET /preservations/{id} answers with a 404.
import type pg from 'pg';
import { measureKindLabels, seizureHolderLabels } from '../../activities/documents/seizure-list';
import { seizuresForDebtor, type Seizure } from '../../activities/preservation/seizures';
import { assetIdentity, type DistributionRow } from '../../activities/transfer/distribution';
import { seizureSecrecyAllows } from '../../workflows/preservation/secrecy';
import type { Actor } from '../../workflows/shared/actor';
import { canonicalCreditCode } from '../../workflows/shared/identifiers';
import type { TransferAct, TransferStatus } from '../../workflows/transfer/state';
import { seesWholeTransfer } from './transfer-views';

/** A seizure of the debtor as the transfer's status lists it (`seizures`), with its words in Chinese. */
export interface TransferSeizure {
  kind: string;
  /** 不动产, 银行存款 … */
  kindLabel: string;
  asset: string;
  location: string;
  /** The court that holds (and renews) it now. */
  holderCourt: string;
  holder: Seizure['holder'];
  /** 保全程序, 执行程序, 执转破审查中. */
  holderLabel: string;
  /** Its place on the asset (轮候顺位, 查封扣押冻结规定 art. 26). */
  rank: number;
  takenAt: string;
  /** Last instant of its term, ISO; null while it waits in the queue. */
  expiresAt: string | null;
  caseNumber: string;
  source: Seizure['source'];
}

/** A seizure kept from the caller: what identifies it in a payment order recorded earlier. */
interface KeptSeizure {
  seizureKey: string;
  asset: string;
  takenAt: string;
  /** The case number it had then or has now: the preservation's id before a suit, the suit's or enforcement's after. */
  caseNumbers: string[];
}

/**
 * The debtor's preservation seizures — live, released or lapsed, since a payment order recorded
 * before a release still names one — that the preservation's secrecy keeps from `actor` now.
 * Empty for court staff.
 */
async function keptFrom(pool: Pick<pg.Pool, 'query'>, actor: Actor, status: Pick<TransferStatus, 'creditCode' | 'debtorPartyId'>): Promise<KeptSeizure[]> {
  const { rows } = await pool.query<{
    seizure_key: string; asset: string; taken_at: Date; case_number: string | null; preservation_id: string;
    kind: 'pre_suit' | 'pre_arbitration' | 'in_suit'; stage: string; applicant_party_id: string; respondent_party_id: string; disclosed_at: Date | null;
  }>(
    `select s.seizure_key, s.asset, s.taken_at, s.case_number, s.preservation_id,
            p.kind, p.stage, p.applicant_party_id, p.respondent_party_id, p.disclosed_at
       from seizure_register s join preservations p on p.preservation_id = s.preservation_id
      where s.debtor_credit_code = $1`,
    [canonicalCreditCode(status.creditCode)],
  );
  return rows
    .filter((r) => !seizureSecrecyAllows(actor, {
      kind: r.kind, stage: r.stage, applicantPartyId: r.applicant_party_id, respondentPartyId: r.respondent_party_id, disclosedAt: r.disclosed_at,
    }, status.debtorPartyId))
    .map((r) => ({
      seizureKey: r.seizure_key, asset: r.asset, takenAt: r.taken_at.toISOString(),
      caseNumbers: [r.case_number, r.preservation_id, r.seizure_key].filter((n): n is string => n !== null),
    }));
}

/** The payment order names a seizure by its asset, instant and case (activities/transfer/distribution.ts). */
function namesKept(row: DistributionRow, kept: KeptSeizure[]): boolean {
  if (row.source !== 'preservation' || !row.asset || !row.seizedAt) return false;
  const asset = assetIdentity(row.asset);
  const at = Date.parse(row.seizedAt);
  return kept.some((k) => assetIdentity(k.asset) === asset && Date.parse(k.takenAt) === at
    && (row.caseNumber === undefined || k.caseNumbers.includes(row.caseNumber)));
}

type OrderRow = { position: number };

/**
 * The status without the rows of the payment order that name a kept seizure, in `around.distribution`
 * and in the act that recorded it, the rows after them numbered on without a gap: a gap would tell the
 * debtor that something is kept from it. Known limit: a row behind a kept seizure on the same asset
 * still reads 第2顺序 (as the preservation's own answer shows a measure's rank 2).
 */
function withoutKeptRows(status: TransferStatus, kept: KeptSeizure[]): TransferStatus {
  const distribution = status.around?.distribution;
  if (!distribution || kept.length === 0) return status;
  const removed = new Set(distribution.rows.filter((r) => namesKept(r, kept)).map((r) => r.position));
  if (removed.size === 0) return status;
  const renumbered = <R extends OrderRow>(rows: R[]): R[] => rows.filter((r) => !removed.has(r.position))
    .map((r) => ({ ...r, position: r.position - [...removed].filter((p) => p < r.position).length }));
  const history = status.history.map((act): TransferAct => (act.action === 'attachmentDistribution' && Array.isArray(act.details?.order)
    ? { ...act, details: { ...act.details, order: renumbered(act.details.order as OrderRow[]) } }
    : act));
  return { ...status, history, around: { ...status.around!, distribution: { ...distribution, rows: renumbered(distribution.rows) } } };
}

function listed(s: Seizure): TransferSeizure {
  return {
    kind: s.assetKind, kindLabel: measureKindLabels[s.assetKind] ?? s.assetKind, asset: s.asset, location: s.location,
    holderCourt: s.holderCourt, holder: s.holder, holderLabel: seizureHolderLabels[s.holder] ?? s.holder, rank: s.rank,
    takenAt: s.takenAt, expiresAt: s.expiresAt, caseNumber: s.caseNumber, source: s.source,
  };
}

/**
 * The transfer as `actor` may see it with respect to the debtor's seizures: the status with the
 * payment order's rows of kept seizures left out, and `seizures`, every seizure in effect of the
 * debtor from the register (`seizuresForDebtor`, GO art. 10 item 3) the caller may see — court staff
 * all, the debtor those not kept from it, a creditor those of its own cases.
 */
export async function withDebtorSeizures(pool: Pick<pg.Pool, 'query'>, actor: Actor, status: TransferStatus)
  : Promise<{ status: TransferStatus; seizures: TransferSeizure[] }> {
  const [kept, inEffect] = await Promise.all([keptFrom(pool, actor, status), seizuresForDebtor(pool, status.creditCode)]);
  const keptKeys = new Set(kept.map((k) => k.seizureKey));
  const ownCases = new Set(status.cases.filter((c) => actor.partyId !== undefined && c.applicantIds.includes(actor.partyId)).map((c) => c.caseNumber));
  const seizures = inEffect
    .filter((s) => !(s.preservationId && s.measureId && keptKeys.has(`${s.preservationId}:${s.measureId}`)))
    .filter((s) => seesWholeTransfer(actor, status.debtorPartyId) || ownCases.has(s.caseNumber))
    .map(listed);
  return { status: withoutKeptRows(status, kept), seizures };
}
