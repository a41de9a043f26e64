// What a party reads in the consent request's notice: its reply day in words (issue 17 — the party's
// page showed "请于2026-12-02T18:24:08.989+08:00前书面答复").
import { describe, expect, it } from 'vitest';
import { demoCourts } from '../../infra/auth/demo-users';
import { withCourtNames } from '../../api/console/demo-users';
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

describe('a notice on a party\'s page', () => {
  it('names courts, not their codes', () => {
    expect(withCourtNames(`本院已作出（2026）京0105执移1号移送决定书，将被执行人移送${demoCourts.receiving}进行破产审查。`))
      .toBe('本院已作出（2026）京0105执移1号移送决定书，将被执行人移送北京市第三中级人民法院进行破产审查。');
    expect(withCourtNames('统一社会信用代码91110000000000000X')).toBe('统一社会信用代码91110000000000000X');
  });
});
