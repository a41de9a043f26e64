// The expiry sweep's pure part: one digest per court supervisor and per handling officer.
import { describe, expect, it } from 'vitest';
import { reminderDigests, type ExpiringMeasure } from '../../workflows/preservation/sweep-digests';

const measure = (over: Partial<ExpiringMeasure>): ExpiringMeasure => ({
  preservationId: 'preservation-BJ0105-1', measureId: 'm1', court: 'BJ0105', kind: 'bank_deposit', asset: 'acct',
  officer: 'officer-1', caseNumber: null, expiresAt: '2026-12-31T15:59:59.999Z', renewBy: '2026-12-24T15:59:59.999Z', ...over,
});

describe('reminderDigests', () => {
  it('groups by court supervisor and by officer, and marks measures past their renewal lead', () => {
    const now = Date.parse('2026-12-26T00:00:00Z');
    const digests = reminderDigests([
      measure({}),
      measure({ measureId: 'm2', renewBy: '2026-12-28T00:00:00Z' }),
      measure({ measureId: 'm3', court: 'SH0101', officer: 'officer-2', renewBy: '2026-12-28T00:00:00Z' }),
    ], now);
    expect(digests.map((d) => [d.recipient, d.recipientRole, d.court, d.items.map((i) => [i.measureId, i.status])])).toEqual([
      ['supervisor:BJ0105', 'supervisor', 'BJ0105', [['m1', 'lapse_imminent'], ['m2', 'renewal_due']]],
      ['officer:officer-1', 'enforcement_officer', 'BJ0105', [['m1', 'lapse_imminent'], ['m2', 'renewal_due']]],
      ['supervisor:SH0101', 'supervisor', 'SH0101', [['m3', 'renewal_due']]],
      ['officer:officer-2', 'enforcement_officer', 'SH0101', [['m3', 'renewal_due']]],
    ]);
    expect(digests[0]!.items[0]!.label).toContain('即将失效');
  });

  it('writes nothing when no measure reaches a reminder date', () => {
    expect(reminderDigests([], Date.now())).toEqual([]);
  });
});
