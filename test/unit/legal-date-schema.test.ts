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

  // Outside break (issue 13): Date.parse reads hour 24 as the next day and offsets up to ±23:59.
  it.each(['2026-11-20T24:00+08:00', '2026-11-20T10:00+23:59', '2026-11-20T10:60+08:00', '2026-11-20T10:00+15:00'])('refuses %s, naming the field', (bad) => {
    const result = servedOn.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^送达日期：时间应在00:00至23:59之间/);
  });

  it('accepts the ends of the day and of the offsets', () => {
    for (const good of ['2026-11-20T23:59+08:00', '2026-11-20T00:00:00.000Z', '2026-11-20T10:00-12:00', '2026-11-20T20:00+14:00']) {
      expect(servedOn.safeParse(good).success, good).toBe(true);
    }
  });

  it('refuses a day before 1949-10-01 without a back-dating count', () => {
    const result = servedOn.safeParse('1899-01-01');
    expect(result.error!.issues[0]!.message).toBe('送达日期：1899-01-01早于1949-10-01，不是可记录的日期 (before 1949-10-01)');
  });
});
