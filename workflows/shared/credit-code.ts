// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
// 31-character alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17
// (weights 3^i mod 31). Pure, so the API's schema and the workflow read the same rule.

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

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

export type CreditCodeProblem = 'length' | 'characters' | 'check';

/** Why a string is not a valid unified social credit code, or undefined when it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  if ([...code].some((c) => !alphabet.includes(c))) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? undefined : 'check';
}

/** Registered by market regulation (9) as an enterprise (1): the only codes an enterprise legal person can carry. */
export function isEnterpriseCode(code: string): boolean {
  return code.startsWith('91');
}

/** Characters 3–8: the administrative division code of the registering authority, normally the domicile's. */
export function divisionCodeOf(code: string): string {
  return code.slice(2, 8);
}

/**
 * The one form a credit code is stored and matched in: full-width characters as their ASCII
 * forms (NFKC), spaces and hyphens dropped, letters upper-case. A code typed as
 * `９１１１０１０５ma01abcd13` or `91110105-MA01ABCD13` names the same debtor as
 * `91110105MA01ABCD13`; the seizure register and every lookup of it use this form, so a transfer
 * finds the seizures a preservation recorded for the same company (issue 14).
 */
export function canonicalCreditCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\-‐‑–—]/gu, '').toUpperCase();
}
