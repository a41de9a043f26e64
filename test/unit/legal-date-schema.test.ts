// The legal date at the door (api/schemas/legal-date.ts): what a clerk types with a Chinese input
// method is read, what no process could accept is refused naming the field, in Chinese.
import { describe, expect, it } from 'vitest';
import { legalDateSchema } from '../../api/schemas/legal-date';

const servedOn = legalDateSchema('送达日期');

describe('legalDateSchema', () => {
  it('reads full-width digits and dashes and blanks around the date as the date', () => {
    expect(servedOn.parse('２０２６－１１－２０')).toBe('2026-11-20');
    expect(servedOn.parse(' 2026-11-20 ')).toBe('2026-11-20');
    expect(servedOn.parse('2026-11-20T10:00+08:00')).toBe('2026-11-20T10:00+08:00');
  });

  it('refuses a malformed or future date, saying why in Chinese', () => {
    for (const bad of ['2026/11/20', '2026-02-29', '2099-01-01']) {
      const result = servedOn.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.message, bad).toMatch(/\p{Script=Han}/u);
    }
  });
});
