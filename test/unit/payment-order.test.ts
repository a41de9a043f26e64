// The payment order when nobody consents (民诉法解释 art. 514), per asset (issue 14): each asset's
// proceeds go to the cases that seized that asset, in seizure order on it; cases that seized
// nothing come last. The X/Y example by hand, then a property over random seizures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetIdentity, attachmentDistribution } from '../../activities/transfer/distribution';
import type { Seizure } from '../../activities/preservation/seizures';
import type { TransferCase } from '../../workflows/transfer/state';

const caseOf = (caseNumber: string, applicantIds = [caseNumber.toLowerCase()]): TransferCase => ({
  caseNumber, court: 'BPC-110105', applicantIds, status: 'active' as TransferCase['status'], joinedAt: '2026-01-01T00:00:00.000Z',
});

function seizure(caseNumber: string, asset: string, takenAt: string, rank: number): Seizure {
  return {
    debtorCreditCode: '91110105MA01ABCD13', source: 'enforcement', assetKind: 'bank_deposit', asset, location: '北京', takenAt, rank,
    court: 'BPC-110105', caseNumber, preservationId: null, measureId: null, convertedAt: null, expiresAt: null,
    holder: 'enforcement', holderCourt: 'BPC-110105',
  };
}

describe('payment order per asset (民诉法解释 art. 514)', () => {
  it('X seized A on 01-10, Y seized B on 02-10, X queued on B on 03-10: A goes to X, B to Y first and then X', () => {
    const rows = attachmentDistribution([caseOf('X'), caseOf('Y')], [
      seizure('X', 'A', '2026-01-10T02:00:00.000Z', 1),
      seizure('Y', 'B', '2026-02-10T02:00:00.000Z', 1),
      seizure('X', 'B', '2026-03-10T02:00:00.000Z', 2),
    ], []);
    expect(rows.map((r) => [r.position, r.tier, r.asset ?? null, r.caseNumber ?? null])).toEqual([
      [1, 'enforcement_costs', null, null],
      [2, 'priority_claims', null, null],
      [3, 'ordinary_by_seizure', 'A', 'X'],
      [4, 'ordinary_by_seizure', 'B', 'Y'],
      [5, 'ordinary_by_seizure', 'B', 'X'],
    ]);
    expect(rows[3]!.label).toBe('「B」变价款第1顺序：普通债权（Y，2026-02-10查封、扣押、冻结该财产，轮候顺位1）');
    expect(rows[4]!.label).toBe('「B」变价款第2顺序：普通债权（X，2026-03-10查封、扣押、冻结该财产，轮候顺位2）');
  });

  it('one asset however it is written; a case that seized nothing comes last', () => {
    const rows = attachmentDistribution([caseOf('P'), caseOf('Q'), caseOf('R')], [
      seizure('Q', '京A 12345', '2026-01-10T02:00:00.000Z', 1),
      seizure('P', '京Ａ12345', '2026-01-11T02:00:00.000Z', 2),
    ], []);
    expect(assetIdentity('京Ａ 12345')).toBe(assetIdentity('京a12345'));
    // Invisible characters and a plate's printed separators make no second asset (issue 14, outside
    // break); a dash between digits does (building 1 room 101 is not building 11 room 01).
    expect(assetIdentity('工商银行账户A\u200b4')).toBe(assetIdentity('工商银行账户A4'));
    expect(assetIdentity('工商银行\u00ad')).toBe(assetIdentity('工商银行'));
    expect(new Set(['车辆京A·00005', '车辆京A-00005', '车辆京A00005', '车辆京a・00005'].map(assetIdentity)).size).toBe(1);
    expect(assetIdentity('1-101室')).not.toBe(assetIdentity('11-01室'));
    expect(rows.slice(2).map((r) => [r.tier, r.caseNumber])).toEqual([
      ['ordinary_by_seizure', 'Q'], ['ordinary_by_seizure', 'P'], ['ordinary_without_seizure', 'R'],
    ]);
  });

  it('property: each asset\'s proceeds go to the cases that seized it, in seizure order on that asset; every case once per asset', () => {
    const arbitrarySeizure = fc.record({
      caseIndex: fc.integer({ min: 0, max: 5 }),
      asset: fc.constantFrom('A', 'B', 'C', 'D'),
      day: fc.integer({ min: 0, max: 30 }),
      rank: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(fc.property(fc.array(arbitrarySeizure, { maxLength: 25 }), (drawn) => {
      const cases = [0, 1, 2, 3, 4, 5].map((i) => caseOf(`(2026)京0105执${i}号`));
      const seizures = drawn.map((d) => seizure(cases[d.caseIndex]!.caseNumber, d.asset,
        new Date(Date.UTC(2026, 0, 1 + d.day)).toISOString(), d.rank));
      const rows = attachmentDistribution(cases, [...seizures].reverse(), []);
      expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));

      for (const asset of ['A', 'B', 'C', 'D']) {
        // By hand, another way round: each case's best seizure on this asset (earliest, then lowest
        // rank), then the cases sorted by it.
        const best = new Map<string, { at: number; rank: number }>();
        for (const s of seizures.filter((x) => x.asset === asset)) {
          const at = Date.parse(s.takenAt);
          const seen = best.get(s.caseNumber);
          if (!seen || at < seen.at || (at === seen.at && s.rank < seen.rank)) best.set(s.caseNumber, { at, rank: s.rank });
        }
        const expected = [...best].sort(([ca, a], [cb, b]) => a.at - b.at || a.rank - b.rank || (ca < cb ? -1 : 1)).map(([c]) => c);
        const block = rows.filter((r) => r.tier === 'ordinary_by_seizure' && r.asset === asset);
        expect(block.map((r) => r.caseNumber)).toEqual(expected);
        // A block is contiguous: one asset's proceeds are distributed before the next asset's.
        if (block.length) expect(block.at(-1)!.position - block[0]!.position).toBe(block.length - 1);
      }
      const seizedAnything = new Set(seizures.map((s) => s.caseNumber));
      const rest = rows.filter((r) => r.tier === 'ordinary_without_seizure').map((r) => r.caseNumber);
      expect(rest).toEqual(cases.map((c) => c.caseNumber).filter((c) => !seizedAnything.has(c)));
      expect(rows.slice(-rest.length || rows.length).every((r) => rest.length === 0 || r.tier === 'ordinary_without_seizure')).toBe(true);
    }), { numRuns: 300 });
  });
});
