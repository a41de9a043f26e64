// The document renderer on its own: dates as GB/T 9704 prints them, courts and people by name.
import { describe, expect, it } from 'vitest';
import { chineseDate } from '../../activities/documents/render';
import { documentReference } from '../../activities/documents/transfer';

describe('chineseDate (GB/T 9704 成文日期)', () => {
  it('writes every digit of the year and the month and day as numbers, in China Standard Time', () => {
    expect(chineseDate('2026-11-30T03:00:00Z')).toBe('二〇二六年十一月三十日');
    expect(chineseDate('2025-01-09T12:00:00+08:00')).toBe('二〇二五年一月九日');
    expect(chineseDate('2030-10-10T12:00:00+08:00')).toBe('二〇三〇年十月十日');
    expect(chineseDate('2024-12-21T12:00:00+08:00')).toBe('二〇二四年十二月二十一日');
    // 16:30 UTC on the 31st is already the 1st in Beijing.
    expect(chineseDate('2025-12-31T16:30:00Z')).toBe('二〇二六年一月一日');
  });
});

describe('documentReference', () => {
  it('prints the investigation by name and date, other references as recorded', () => {
    expect(documentReference('investigation:2025-11-20')).toBe('财产调查记录（二〇二五年十一月二十日）');
    expect(documentReference('(2025)京0105执保12号')).toBe('(2025)京0105执保12号');
  });
});
