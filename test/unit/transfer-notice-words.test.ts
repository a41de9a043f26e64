// What a party reads in the consent request's notice: its reply day in words (issue 17 — the party's
// page showed "请于2026-12-02T18:24:08.989+08:00前书面答复").
import { describe, expect, it } from 'vitest';
import { consentRequest, dueInWords } from '../../workflows/transfer/notices';

describe('a period\'s end in a notice', () => {
  it.each([
    ['2026-12-17T23:59:59.999+08:00', '2026年12月17日'],
    ['2026-12-17T15:59:59.999Z', '2026年12月17日'],
    ['2026-12-02T18:24:08.989+08:00', '2026年12月2日18时24分'],
    ['2027-01-04T00:00:00.000+08:00', '2027年1月4日0时00分'],
    ['not a date', 'not a date'],
  ])('%s reads %s', (iso, words) => {
    expect(dueInWords(iso)).toBe(words);
  });

  it('the consent request carries no ISO instant', () => {
    const n = consentRequest('k', '91110000000000000X', 'S1', [], dueInWords('2026-12-17T23:59:59.999+08:00'));
    expect(n.body).toContain('请于2026年12月17日前书面答复');
    expect(n.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
