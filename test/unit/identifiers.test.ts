// The canonical identifiers (workflows/shared/identifiers.ts) and their schemas, table by table: what a
// clerk may type and the one form it becomes, and what is refused and why.
import { describe, expect, it } from 'vitest';
import { caseNumberSchema, creditCodeSchema, enterpriseCreditCodeSchema, partyNameSchema } from '../../api/schemas/identifiers';
import {
  canonicalCaseNumber, canonicalCreditCode, canonicalPartyName, creditCodeCheckCharacter, creditCodeMessages, creditCodeProblem,
  looksLikeResidentId, registrationTypeOf,
} from '../../workflows/shared/identifiers';

const valid = '91350100M000100Y43';
const withCheck = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
const fullWidth = (s: string) => [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

describe('credit codes', () => {
  it.each([
    ['already canonical', valid, valid],
    ['lower case', valid.toLowerCase(), valid],
    ['full-width', fullWidth(valid), valid],
    ['leading and trailing blanks, ideographic space', `\u3000 ${valid}\t`, valid],
    ['blanks inside (typed in groups)', '9135 0100 M000 100Y 43', valid],
    ['hyphens and dashes between groups', '91350100-M000100Y43', valid],
  ])('%s → canonical', (_, raw, canonical) => {
    expect(canonicalCreditCode(raw)).toBe(canonical);
    expect(creditCodeProblem(canonicalCreditCode(raw))).toBeUndefined();
  });

  it.each([
    ['17 characters', valid.slice(0, 17), 'length'],
    ['19 characters', `${valid}0`, 'length'],
    ['letter I (not in the alphabet)', `${valid.slice(0, 10)}I${valid.slice(11)}`, 'characters'],
    ['letters in the division code', withCheck('91ABCDEF600037341'), 'division'],
    ['a division with no province', withCheck('91990105MA01C9Q92'), 'division'],
    ['wrong check character', '91110105MA01C9Q92X', 'check'],
    ['all ones', '111111111111111111', 'check'],
    ['a resident identity number (issue 15)', '110105198001010518', 'residentId'],
  ])('%s → %s', (_, code, problem) => {
    expect(creditCodeProblem(canonicalCreditCode(code))).toBe(problem);
  });

  it('knows the issue\'s personal number for what it is and the fixed code for a good one', () => {
    expect(looksLikeResidentId('110105198001010518')).toBe(true);
    expect(looksLikeResidentId('11010519800231051X')).toBe(false);
    expect(creditCodeProblem('91110105MA01C9Q927')).toBeUndefined();
  });

  it.each([
    ['91', withCheck('91110105MA01C9Q92'), 'enterprise'],
    ['92', withCheck('92110105MA01C9Q92'), 'individual_business'],
    ['93', withCheck('93110105MA01C9Q92'), 'farmers_cooperative'],
    ['12 (public institution)', withCheck('12110105MA01C9Q92'), 'other'],
  ])('registration type %s', (_, code, type) => {
    expect(registrationTypeOf(code)).toBe(type);
  });

  it('the schemas hand on the canonical form and refuse in Chinese', () => {
    expect(creditCodeSchema.parse(` ${valid.toLowerCase()} `)).toBe(valid);
    expect(enterpriseCreditCodeSchema.parse(fullWidth(valid))).toBe(valid);
    const individual = enterpriseCreditCodeSchema.safeParse(withCheck('92110105MA01C9Q92'));
    expect(individual.success).toBe(false);
    expect(individual.error!.issues[0]!.message).toBe(creditCodeMessages.notEnterprise);
    expect(creditCodeSchema.safeParse(withCheck('92110105MA01C9Q92')).success).toBe(true);
    for (const bad of ['110105198001010518', '111111111111111111', '91110105MA01C9Q92X', withCheck('91ABCDEF600037341')]) {
      const r = creditCodeSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/统一社会信用代码|居民身份证/);
    }
  });
});

describe('case numbers', () => {
  const canonical = '(2025)京0105执1001号';
  it.each([
    ['half-width', canonical],
    ['full-width brackets', '（2025）京0105执1001号'],
    ['full-width digits and brackets', '（２０２５）京０１０５执１００１号'],
    ['trailing blank', '(2025)京0105执1001号 '],
    ['blanks inside and ideographic space', '\u3000(2025) 京0105 执1001号'],
    ['hexagonal brackets', '〔2025〕京0105执1001号'],
    ['decomposed form (NFD) of the same text', canonical.normalize('NFD')],
  ])('%s → one case', (_, raw) => {
    expect(canonicalCaseNumber(raw)).toBe(canonical);
    expect(caseNumberSchema().parse(raw)).toBe(canonical);
  });

  it('refuses an empty or over-long case number', () => {
    expect(caseNumberSchema().safeParse('  ').success).toBe(false);
    expect(caseNumberSchema(10).safeParse('(2025)京0105执1001号').success).toBe(false);
  });
});

describe('party names', () => {
  it.each([
    ['trimmed', '  某某贸易有限公司 ', '某某贸易有限公司'],
    ['half-width brackets become full-width', '某某科技(北京)有限公司', '某某科技（北京）有限公司'],
    ['blanks around brackets', '某某科技 ( 北京 ) 有限公司', '某某科技（北京）有限公司'],
    ['full-width letters', 'ＡＢＣ贸易有限公司', 'ABC贸易有限公司'],
    ['runs of blanks in a foreign name', 'John\u3000\u3000Smith', 'John Smith'],
  ])('%s', (_, raw, canonical) => {
    expect(canonicalPartyName(raw)).toBe(canonical);
    expect(partyNameSchema().parse(raw)).toBe(canonical);
  });
});
