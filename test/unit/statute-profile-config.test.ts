import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../infra/config';
import { statuteContradictions, statuteProfileFor } from '../../infra/statute-profile';
import { compressed, periodLaw, statutory, training, type StatuteProfile } from '../../workflows/clock/statute-profile';

const dir = mkdtempSync(join(tmpdir(), 'profile-'));
function fromFile(name: string, content: unknown, raw?: string): StatuteProfile {
  const file = join(dir, name);
  writeFileSync(file, raw ?? JSON.stringify(content));
  return statuteProfileFor(parseConfig({ STATUTE_PROFILE_FILE: file }));
}
function refusal(name: string, content: unknown): string {
  try {
    fromFile(name, content);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('statute profile configuration', () => {
  it('uses the statutory profile by default, training and compressed on request', () => {
    expect(statuteProfileFor(parseConfig({})).periods.acceptanceRuling).toMatchObject({ amount: 30, unit: 'days' });
    expect(statuteProfileFor(parseConfig({ STATUTE_PROFILE: 'training' }))).toBe(training);
    expect(statuteProfileFor(parseConfig({ STATUTE_PROFILE: 'compressed' })).clock.mode).toBe('compressed');
    expect(() => parseConfig({ STATUTE_PROFILE: 'fast' })).toThrow(/STATUTE_PROFILE/);
  });

  it('every period names the article it comes from', () => {
    for (const spec of Object.values(statutory.periods)) expect(spec.article.length).toBeGreaterThan(1);
    for (const spec of Object.values(statutory.measureLifetime)) expect(spec.article).toContain('485');
  });

  it('the shipped statutory and training profiles keep the statute; compressed (tests only) does not', () => {
    expect(statuteContradictions(statutory)).toEqual([]);
    expect(statuteContradictions(training)).toEqual([]);
    expect(training.periods).toEqual(statutory.periods);
    expect(training.clock).toEqual({ mode: 'compressed', msPerDay: 60_000 });
    expect(statuteContradictions(compressed).length).toBeGreaterThan(0);
  });
});

describe("a court's own profile file", () => {
  it('is loaded when it sets what the law leaves to the court, and filled from the law where silent', () => {
    const own = fromFile('ok.json', {
      name: 'court-x', clock: { mode: 'statutory' },
      periods: { consentReply: { amount: 20, unit: 'days', article: 'court practice' }, decisionService: { amount: 3, unit: 'days', article: 'GO art. 7' } },
      measureLifetime: { bank_deposit: { amount: 6, unit: 'months', article: '民诉法解释 art. 485' } },
    });
    expect(own.periods.consentReply).toEqual({ amount: 20, unit: 'days', article: 'court practice', runsFrom: 'served', basis: 'court-practice' });
    expect(own.periods.decisionService.amount).toBe(3);
    expect(own.periods.appealWindow).toEqual(periodLaw.appealWindow);
    expect(own.measureLifetime.bank_deposit).toMatchObject({ amount: 6, unit: 'months', runsFrom: 'effective' });
    expect(own.renewalLead.amount).toBe(7);
    expect(own.postalMargin?.amount).toBe(7);
  });

  it('is read leniently: byte-order mark, CRLF, whitespace', () => {
    const text = `\uFEFF\r\n${JSON.stringify({ name: 'court-y', clock: { mode: 'statutory' } }, null, 2).replace(/\n/g, '\r\n')}\r\n  `;
    expect(fromFile('bom.json', undefined, text).name).toBe('court-y');
  });

  it('is refused for a bad shape, naming each field and why in Chinese first', () => {
    const message = refusal('bad.json', { ...statutory, periods: { ...statutory.periods, handOver: { amount: -7, unit: 'weeks', article: '' } } });
    expect(message).toMatch(/^法定期间配置文件 .*bad\.json 格式有误/);
    expect(message).toMatch(/periods\.handOver\.amount：应大于0/);
    expect(message).toMatch(/periods\.handOver\.unit：单位应为 hours（小时）、days（日）、months（月）或 years（年）/);
    expect(message).toMatch(/periods\.handOver\.article：依据条文不能为空/);
  });

  it.each<[string, unknown, RegExp]>([
    ['a misspelt field', { name: 'c', periodz: {} }, /不认识的栏目：periodz/],
    ['an unknown period', { name: 'c', periods: { appealWindows: { amount: 10, unit: 'days' } } }, /periods：不认识的栏目：appealWindows/],
    ['a clock mode that does not exist', { name: 'c', clock: { mode: 'fast' } }, /clock(\.mode)?：时钟 mode 应为 statutory/],
    ['an amount written as text', { name: 'c', periods: { consentReply: { amount: '20', unit: 'days' } } }, /periods\.consentReply\.amount：/],
    ['a fractional amount', { name: 'c', periods: { consentReply: { amount: 1.5, unit: 'days' } } }, /periods\.consentReply\.amount：应为整数/],
    ['no name', { clock: { mode: 'statutory' } }, /name：不能为空/],
    ['not an object at all', [1, 2], /（整个文件）：/],
  ])('is refused for %s, in Chinese, naming the field', (_case, content, message) => {
    const text = refusal('shape.json', content);
    expect(text).toMatch(/^法定期间配置文件 /);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/Invalid input|expected/);
  });

  it('may leave out the clock (statutory) and the articles (the law\'s own, or the default\'s it replaces)', () => {
    const own = fromFile('short.json', {
      name: 'court-v',
      periods: { consentReply: { amount: 20, unit: 'days' }, acceptanceRuling: { amount: 25, unit: 'days' } },
      measureLifetime: { bank_deposit: { amount: 6, unit: 'months' } },
      measureReminders: [{ amount: 20, unit: 'days' }],
      postalMargin: { amount: 5, unit: 'days' },
    });
    expect(own.clock).toEqual({ mode: 'statutory' });
    expect(own.periods.consentReply).toEqual({ ...periodLaw.consentReply, amount: 20 });
    expect(own.periods.acceptanceRuling.article).toBe(periodLaw.acceptanceRuling.article);
    expect(own.measureLifetime.bank_deposit.article).toContain('485');
    expect(own.measureReminders).toEqual([{ ...statutory.measureReminders[0], amount: 20 }]);
    expect(own.deadlineReminders).toEqual(statutory.deadlineReminders);
    expect(own.renewalLead).toEqual(statutory.renewalLead);
    expect(own.postalMargin).toEqual({ ...statutory.postalMargin, amount: 5 });
    // Leaving the article out does not loosen the statute.
    expect(refusal('short-bad.json', { name: 'court-v', periods: { appealWindow: { amount: 30, unit: 'days' } } }))
      .toMatch(/periods\.appealWindow: 30日 \(30 days\) 与法律规定不符：企业破产法 art\. 12/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a 5-year bank freeze (art. 485 caps it at 1 year)', { measureLifetime: { bank_deposit: { amount: 5, unit: 'years', article: 'x' } } },
      /measureLifetime\.bank_deposit: 5年 \(5 years\) 超过法律规定的上限：民诉法解释 art\. 485.*最长为1年 .*exceeds the statute's maximum of 1 years/],
    ['a 13-month bank freeze', { measureLifetime: { bank_deposit: { amount: 13, unit: 'months', article: 'x' } } }, /measureLifetime\.bank_deposit: 13个月/],
    ['a 400-day bank freeze', { measureLifetime: { bank_deposit: { amount: 400, unit: 'days', article: 'x' } } }, /measureLifetime\.bank_deposit: 400日/],
    ['a 4-year real-estate seizure', { measureLifetime: { real_estate: { amount: 4, unit: 'years', article: 'x' } } }, /measureLifetime\.real_estate/],
    ['a 30-day appeal window (企业破产法 art. 12 fixes 10)', { periods: { appealWindow: { amount: 30, unit: 'days', article: 'x' } } },
      /periods\.appealWindow: 30日 \(30 days\) 与法律规定不符：企业破产法 art\. 12.*规定为10日.*fixes 10 days/],
    ['a shorter appeal window, too', { periods: { appealWindow: { amount: 7, unit: 'days', article: 'x' } } }, /periods\.appealWindow: 7日/],
    ['a 60-day acceptance review', { periods: { acceptanceRuling: { amount: 60, unit: 'days', article: 'x' } } }, /periods\.acceptanceRuling: 60日.*超过/],
    ['a 3-day urgent ruling counted in days', { periods: { preservationRulingUrgent: { amount: 3, unit: 'days', article: 'x' } } }, /periods\.preservationRulingUrgent/],
    // 2 days end at 24:00 and move off rest days: longer than 48 hours (outside break).
    ['the 48 hours as 2 days', { periods: { preservationRulingUrgent: { amount: 2, unit: 'days', article: 'x' } } },
      /periods\.preservationRulingUrgent: 2日 \(2 days\) 超过法律规定的上限/],
    ['a 40-day pre-suit filing period', { periods: { preSuitFiling: { amount: 40, unit: 'days', article: 'x' } } }, /periods\.preSuitFiling/],
    ['an appeal window run from the ruling instead of service', { periods: { appealWindow: { amount: 10, unit: 'days', article: 'x', runsFrom: 'ruled' } } },
      /periods\.appealWindow\.runsFrom: .*自送达之日起算/],
    ['a fixed period relabelled court practice', { periods: { appealWindow: { amount: 10, unit: 'days', article: 'x', basis: 'court-practice' } } }, /periods\.appealWindow\.basis/],
    ['a renewal lead of 3 days (PP art. 18: seven days)', { renewalLead: { amount: 3, unit: 'days', article: 'x' } }, /renewalLead: 3日 \(3 days\) 与PP art\. 18/],
  ])('is refused at start for %s, naming the period and why', (_case, change, message) => {
    expect(refusal('contradicts.json', { name: 'court-z', clock: { mode: 'statutory' }, ...change })).toMatch(message);
  });

  it('a rehearsal clock (a day in a minute or less) may shorten anything: tests and demos', () => {
    expect(fromFile('rehearsal.json', { ...compressed, clock: { mode: 'compressed', msPerDay: 60_000 } }).measureLifetime.bank_deposit.amount).toBe(30);
  });

  it('a slower compressed clock in a file does not excuse a contradiction', () => {
    expect(refusal('sneaky.json', { name: 'court-w', clock: { mode: 'compressed', msPerDay: 86_400_000 }, measureLifetime: { bank_deposit: { amount: 5, unit: 'years', article: 'x' } } }))
      .toMatch(/^法定期间配置文件 .* 与法律规定不符 \(statute profile contradicts the statute\)/);
  });
});

// Outside break (issue 13): a court's file could set a ten-year postal margin (a rejection would
// never take effect) or a back-dating window of 100000 days.
describe('what the law leaves to court practice is still bounded', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a 3650-day postal margin', { postalMargin: { amount: 3650, unit: 'days' } }, /postalMargin: 3650日 \(3650 days\) 过长：在途期间.*最长30日/],
    ['a 1000-hour postal margin', { postalMargin: { amount: 1000, unit: 'hours' } }, /postalMargin: 1000小时/],
    ['a 100000-day back-dating window', { backdatingWindow: { amount: 100000, unit: 'days' } }, /backdatingWindow: 100000日 .*最长365日/],
  ])('%s is refused', (_case, change, message) => {
    expect(refusal('bounded.json', { name: 'court-u', ...change })).toMatch(message);
  });

  it('within the bounds it is the court\'s to set', () => {
    const own = fromFile('within.json', { name: 'court-u', postalMargin: { amount: 30, unit: 'days' }, backdatingWindow: { amount: 365, unit: 'days' } });
    expect([own.postalMargin?.amount, own.backdatingWindow?.amount]).toEqual([30, 365]);
  });
});
