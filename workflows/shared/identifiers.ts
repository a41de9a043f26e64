// The identifiers a court process is keyed by, in one canonical form: the unified social credit code
// (统一社会信用代码, GB 32100-2015), the case number (案号) and a party's name. Whatever a clerk typed
// (full-width characters from a Chinese input method, lower case, spaces, a trailing blank), the form
// here is what is stored, keyed and compared, so two spellings of one debtor or one case never meet in
// the database. Pure (no zod, no Node APIs): the API's schemas, the console, imports and workflows
// read the same rule.

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Province-level prefixes of the administrative division codes (GB/T 2260) that have courts of the
 * mainland, and `10`, the national registration authorities' code (100000) of central enterprises.
 */
const divisionPrefixes = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

/**
 * Characters that print as nothing (Unicode class Cf: zero-width space and joiners, soft hyphen,
 * byte-order mark, direction marks). Pasted from a bank's letter or a web page, they made
 * `工商银行账户A\u200b4` a second asset beside `工商银行账户A4` (issue 14, outside break).
 */
const invisible = /\p{Cf}/gu;

/** `raw` without the characters that print as nothing (see `invisible`). */
export function withoutInvisible(raw: string): string {
  return raw.replace(invisible, '');
}

/** NFKC folds full-width letters, digits and brackets to half-width; every kind of blank goes, and what prints as nothing. */
function folded(raw: string): string {
  return withoutInvisible(raw.normalize('NFKC')).replace(/\s+/gu, '');
}

/**
 * One asset however it is written, the form seizures are ranked and paid under (查封扣押冻结规定
 * art. 26, 民诉法解释 art. 514): folded as above, upper case, the middle dot of a printed plate
 * (`京A·00005`) dropped and a dash after a letter too (`京A-00005`); a dash between digits stays
 * (`1-101` and `11-01` are two rooms).
 */
export function assetIdentity(description: string): string {
  return folded(description).toUpperCase().replace(/[·・‧•∙⋅]/gu, '').replace(/(?<=[A-Z])[-‐‑‒–—](?=[0-9A-Z])/gu, '');
}

/**
 * The canonical spelling of a credit code: half-width, upper case, no blanks, no hyphens or dashes
 * (`91110105-MA01ABCD13` is typed in groups too). Validity is `creditCodeProblem`'s. The seizure
 * register keys seizures by this form, so a transfer finds what a preservation recorded (issue 14).
 */
export function canonicalCreditCode(raw: string): string {
  return folded(raw).replace(/[-‐‑–—]/gu, '').toUpperCase();
}

/** The check character for the first 17 characters, or undefined when one is not in the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * weights[i]!;
  }
  return alphabet[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'length' | 'characters' | 'residentId' | 'division' | 'check';

/**
 * Why a canonical string is not a unified social credit code, or undefined when it is one. A string
 * that is also a well-formed resident identity number (GB 11643) is refused as one: it must never
 * become a workflow ID or a search attribute, where it would name a person.
 */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  if ([...code].some((c) => !alphabet.includes(c))) return 'characters';
  if (looksLikeResidentId(code)) return 'residentId';
  if (!/^\d{6}$/.test(divisionCodeOf(code)) || !divisionPrefixes.has(code.slice(2, 4))) return 'division';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? undefined : 'check';
}

/** What a user reads for each problem (Chinese, then English). */
export const creditCodeMessages: Record<CreditCodeProblem | 'notEnterprise', string> = {
  length: '统一社会信用代码应为18位 (must be 18 characters)',
  characters: '统一社会信用代码含非法字符 (only 0-9 and A-Y without I, O, S, V, Z)',
  residentId: '该号码符合居民身份证号码格式，不是统一社会信用代码，不得作为被执行人代码 (this looks like a resident identity number, not a credit code)',
  division: '统一社会信用代码第3至8位应为有效的行政区划代码 (characters 3-8 must be a division code)',
  check: '统一社会信用代码校验位错误 (check character does not match GB 32100-2015)',
  notEnterprise: '只有企业法人可以移送破产审查，该代码的登记管理部门和机构类别不是“91”（工商登记的企业）（指导意见第二条） (only an enterprise legal person, code 91…, may be transferred)',
};

export type RegistrationType = 'enterprise' | 'individual_business' | 'farmers_cooperative' | 'other';

/** Characters 1–2: registration authority (9 = market regulation) and kind (1 enterprise, 2 个体工商户, 3 农民专业合作社). */
export function registrationTypeOf(code: string): RegistrationType {
  switch (code.slice(0, 2)) {
    case '91': return 'enterprise';
    case '92': return 'individual_business';
    case '93': return 'farmers_cooperative';
    default: return 'other';
  }
}

/** Registered by market regulation as an enterprise: the only codes an enterprise legal person can carry (GO art. 2). */
export function isEnterpriseCode(code: string): boolean {
  return registrationTypeOf(code) === 'enterprise';
}

/** Characters 3–8: the administrative division code of the registering authority, normally the domicile's. */
export function divisionCodeOf(code: string): string {
  return code.slice(2, 8);
}

/** GB 11643: six-digit division, a real birth date, three digits, ISO 7064 MOD 11-2 check (0-9 or X). */
export function looksLikeResidentId(code: string): boolean {
  if (!/^\d{17}[\dX]$/.test(code) || !divisionPrefixes.has(code.slice(0, 2))) return false;
  const [y, m, d] = [code.slice(6, 10), code.slice(10, 12), code.slice(12, 14)].map(Number) as [number, number, number];
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(code[i]) * ((2 ** (17 - i)) % 11);
  return '10X98765432'[sum % 11] === code[17];
}

/**
 * The canonical case number: half-width brackets and digits, no blanks, NFC. 〔〕［］【】 count as
 * round brackets, so `（2025）京0105执1001号` and `(2025)京0105执1001号 ` are one case.
 */
export function canonicalCaseNumber(raw: string): string {
  return folded(raw).replace(/[〔［【[]/gu, '(').replace(/[〕］】\]]/gu, ')').normalize('NFC');
}

/**
 * The canonical party name: NFC, half-width letters and digits, full-width round brackets (the form
 * an enterprise name is registered in), blanks trimmed and runs of blanks made one.
 */
export function canonicalPartyName(raw: string): string {
  return withoutInvisible(raw.normalize('NFKC')).replace(/\s+/gu, ' ').trim().replace(/ ?\( ?/gu, '（').replace(/ ?\) ?/gu, '）').normalize('NFC');
}
