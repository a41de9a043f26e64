// The console's legal-date fields: prefilled with today (China time, not the server's zone), a
// datetime (to the second: the API takes seconds) sent with its +08:00 offset, and left out when the clerk empties an optional one.
import { describe, expect, it } from 'vitest';
import { aroundForms } from '../../api/console/around-forms';
import { bodyFromForm, defaultValueOf, type FormField } from '../../api/console/forms';
import { transferForm } from '../../api/console/transfer-forms';

describe('console legal dates', () => {
  it('defaults to the CST day: 2026-11-30T17:00Z is already 12-01 in Beijing', () => {
    const served = transferForm('transfer.recordRulingService')!.fields.find((f) => f.name === 'servedOn')!;
    expect(defaultValueOf(served, Date.parse('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(defaultValueOf(served, Date.parse('2026-11-30T15:59:00Z'))).toBe('2026-11-30');
    const at: FormField = { name: 'takenOn', label: '采取措施时间', kind: 'datetime', defaultNow: true };
    expect(defaultValueOf(at, Date.parse('2026-11-30T02:05:30Z'))).toBe('2026-11-30T10:05:30');
    expect(defaultValueOf({ name: 'postedOn', label: '交邮日期', kind: 'date', optional: true }, Date.now())).toBe('');
  });

  it('every act that runs a period has its date field', () => {
    const names = (action: string) => transferForm(action)!.fields.map((f) => f.name);
    expect(names('transfer.docket')).toContain('receivedOn');
    expect(names('transfer.requestMaterial')).toContain('requestedOn');
    expect(names('transfer.supplyMaterial')).toEqual(expect.arrayContaining(['filedOn', 'postedOn']));
    expect(names('transfer.reject')).toContain('ruledOn');
    expect(aroundForms.find((f) => f.action === 'transfer.recordAppeal')!.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['filedOn', 'postedOn']));
  });

  it('sends a datetime with its offset and leaves an emptied optional date out', () => {
    const fields: FormField[] = [
      { name: 'takenOn', label: '采取措施时间', kind: 'datetime', optional: true, defaultNow: true },
      { name: 'postedOn', label: '交邮日期', kind: 'date', optional: true },
    ];
    expect(bodyFromForm(fields, { takenOn: '2025-12-01T09:30', postedOn: '' })).toEqual({ takenOn: '2025-12-01T09:30:00+08:00' });
  });
});
