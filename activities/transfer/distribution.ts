// The attachment-order distribution (民诉法解释 art. 514): when nobody consents to the transfer,
// enforcement goes on and the proceeds of the debtor's property pay, in this order,
//   1. the enforcement costs (执行费用);
//   2. claims with a priority (优先受偿的债权: security interests, construction-price claims …);
//   3. for each asset, its own proceeds, to the cases that seized THAT asset (查封、扣押、冻结) — in
//      preservation or in enforcement — in the order they seized it: earlier date and time first; at
//      the same instant the lower rank (轮候顺位) first; then the case number, so the order is total
//      and the same every time it is computed. A case that seized asset A first and asset B after
//      another case is first on A and second on B: seizures rank per asset, not per case (issue 14:
//      X seized A on 01-10, Y seized B on 02-10, X queued on B on 03-10 → A to X, B to Y first);
//   4. ordinary creditors whose cases seized nothing, by case number, from what is left.
// Assets are shown in the order of their first seizure; an asset is named the same however its
// description is spaced or its width (`assetIdentity`).
// Seizures come from the seizure register (activities/preservation/seizures) and the transfer's
// own property records with a seizure time; one that appears in both (same seizure number) counts once.
import type pg from 'pg';
import { seizuresForDebtor, type Seizure } from '../preservation/seizures';
import type { PropertyRecord, TransferCase } from '../../workflows/transfer/state';
import { inTransaction } from '../../infra/db/database';
import { assetIdentity } from '../../workflows/shared/identifiers';
import { distributionRowColumns, upsertRow } from './read-model-rows';

export const distributionRules = '民诉法解释第514条：扣除执行费用、清偿优先受偿的债权后，普通债权按照财产保全和执行中查封、扣押、冻结财产的先后顺序清偿。'
  + '按财产分列：每项财产的变价款，依对该项财产查封、扣押、冻结的先后顺序清偿，时间在先者在先；同一时间的，轮候顺位在先者在先；仍相同的，按案号。'
  + '未采取措施的案件列于最后，按案号，从各项财产清偿后的剩余部分受偿。';

export type DistributionTier = 'enforcement_costs' | 'priority_claims' | 'ordinary_by_seizure' | 'ordinary_without_seizure';

export interface DistributionRow {
  position: number;
  tier: DistributionTier;
  label: string;
  caseNumber?: string;
  court?: string;
  creditorIds: string[];
  asset?: string;
  seizedAt?: string;
  seizureRank?: number;
  source?: 'preservation' | 'enforcement' | 'transfer';
}

interface Attachment {
  caseNumber: string;
  court: string;
  asset: string;
  atMs: number;
  at: string;
  rank?: number;
  source: NonNullable<DistributionRow['source']>;
}

function attachments(seizures: Seizure[], property: PropertyRecord[]): Attachment[] {
  const known = new Set(seizures.flatMap((s) => (s.measureId ? [s.measureId, `${s.preservationId ?? ''}:${s.measureId}`] : [])));
  const fromSeizures = seizures.map((s): Attachment => ({
    caseNumber: s.caseNumber, court: s.court, asset: s.asset, atMs: Date.parse(s.takenAt), at: s.takenAt, rank: s.rank, source: s.source,
  }));
  const fromTransfer = property
    .filter((p) => p.seizedAt && !(p.seizureNumber && known.has(p.seizureNumber)))
    .map((p): Attachment => ({
      caseNumber: p.caseNumber, court: '', asset: p.description, atMs: Date.parse(p.seizedAt!), at: p.seizedAt!, source: 'transfer',
    }));
  return [...fromSeizures, ...fromTransfer];
}

/** Earlier instant, then lower rank (an unranked record after ranked ones), then case number. */
function attachmentOrder(a: Attachment, b: Attachment): number {
  return a.atMs - b.atMs || (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER)
    || (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0);
}

export { assetIdentity };

const cstDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The payment order for the transfer's cases (民诉法解释 art. 514), per asset: rows 1–2 are the
 * costs and the priority claims; then, asset by asset (in the order of its first seizure), one
 * row per case that seized it, in seizure order on that asset (`asset`, `seizedAt`, `seizureRank`
 * name the seizure that places it, `label` says why in Chinese); last, the cases that seized
 * nothing. `position` numbers the rows 1, 2, 3 … in that order.
 */
export function attachmentDistribution(cases: TransferCase[], seizures: Seizure[], property: PropertyRecord[]): DistributionRow[] {
  const rows: DistributionRow[] = [
    { position: 1, tier: 'enforcement_costs', label: '执行费用（从各项财产变价款中优先扣除）', creditorIds: [] },
    { position: 2, tier: 'priority_claims', label: '优先受偿的债权（担保物权、建设工程价款等，就其担保的财产优先受偿）', creditorIds: [] },
  ];
  const courtOf = new Map(cases.map((c) => [c.caseNumber, c.court]));
  const creditorsOf = new Map(cases.map((c) => [c.caseNumber, c.applicantIds]));
  const byAsset = new Map<string, Attachment[]>();
  for (const a of attachments(seizures, property).sort(attachmentOrder)) {
    const key = assetIdentity(a.asset);
    byAsset.set(key, [...(byAsset.get(key) ?? []), a]);
  }
  const seizedSomething = new Set<string>();
  // Map order is insertion order: each asset enters with its first (earliest) seizure.
  for (const onAsset of byAsset.values()) {
    const placed = new Set<string>();
    for (const a of onAsset) {
      if (placed.has(a.caseNumber)) continue;
      placed.add(a.caseNumber);
      seizedSomething.add(a.caseNumber);
      const rank = a.rank === undefined ? '' : `，轮候顺位${a.rank}`;
      rows.push({
        position: rows.length + 1, tier: 'ordinary_by_seizure',
        label: `「${onAsset[0]!.asset}」变价款第${placed.size}顺序：普通债权（${a.caseNumber}，${cstDay(a.atMs)}查封、扣押、冻结该财产${rank}）`,
        caseNumber: a.caseNumber, court: a.court || courtOf.get(a.caseNumber) || '', creditorIds: creditorsOf.get(a.caseNumber) ?? [],
        asset: onAsset[0]!.asset, seizedAt: new Date(a.atMs).toISOString(), seizureRank: a.rank, source: a.source,
      });
    }
  }
  for (const c of [...cases].filter((k) => !seizedSomething.has(k.caseNumber)).sort((x, y) => (x.caseNumber < y.caseNumber ? -1 : 1))) {
    rows.push({
      position: rows.length + 1, tier: 'ordinary_without_seizure', label: `普通债权（${c.caseNumber}，未采取查封、扣押、冻结措施，从剩余部分受偿）`,
      caseNumber: c.caseNumber, court: c.court, creditorIds: c.applicantIds,
    });
  }
  return rows;
}

export interface DistributionInput {
  distributionKey: string;
  creditCode: string;
  workflowId: string;
  cases: TransferCase[];
  property: PropertyRecord[];
}

/** Computes and records the distribution once per key; a retry returns the rows recorded. */
export async function recordDistribution(pool: pg.Pool, input: DistributionInput): Promise<DistributionRow[]> {
  const rows = attachmentDistribution(input.cases, await seizuresForDebtor(pool, input.creditCode), input.property);
  return inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `insert into attachment_distributions (distribution_key, credit_code, workflow_id, rules) values ($1,$2,$3,$4)
       on conflict (distribution_key) do nothing`,
      [input.distributionKey, input.creditCode, input.workflowId, distributionRules],
    );
    if (inserted.rowCount) {
      // The columns come from ./read-model-rows.ts, from which audit:verify --deep derives them too.
      for (const r of rows) await upsertRow((sql, params) => client.query(sql, params), distributionRowColumns(input.distributionKey, r));
    }
    return rows;
  });
}
