// The canonical identifiers (workflows/shared/identifiers.ts) as zod schemas: every body, query and
// path parameter that carries a credit code, a case number or a party's name parses through one of
// these, so what a route hands on is the canonical form, and a refusal names the rule in Chinese.
// Each carries an OpenAPI `format` so a test can walk the document and find any route that does not.
import { z } from '@hono/zod-openapi';
import {
  canonicalCaseNumber, canonicalCreditCode, canonicalPartyName, creditCodeMessages, creditCodeProblem, isEnterpriseCode,
} from '../../workflows/shared/identifiers';

/** OpenAPI formats of the canonical identifiers. */
export const identifierFormats = { creditCode: 'credit-code', enterpriseCreditCode: 'enterprise-credit-code', caseNumber: 'case-number', partyName: 'party-name' } as const;

const rawText = (max: number) => z.string().max(max * 2, `不得超过${max}个字符 (at most ${max} characters)`);

/** Any unified social credit code (GB 32100-2015), canonicalised then checked: division digits, check character, not a resident ID. */
export const creditCodeSchema = rawText(18).transform(canonicalCreditCode).pipe(z.string().superRefine((code, ctx) => {
  const problem = creditCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
})).openapi({ type: 'string', format: identifierFormats.creditCode, example: '91350100M000100Y43', description: '统一社会信用代码 (GB 32100-2015; full-width, lower case and blanks are folded)' });

/** A credit code of an enterprise legal person (91…): the only debtor a transfer may carry (GO art. 2). */
export const enterpriseCreditCodeSchema = rawText(18).transform(canonicalCreditCode).pipe(z.string().superRefine((code, ctx) => {
  const problem = creditCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
  else if (!isEnterpriseCode(code)) ctx.addIssue({ code: 'custom', message: creditCodeMessages.notEnterprise });
})).openapi({ type: 'string', format: identifierFormats.enterpriseCreditCode, example: '91350100M000100Y43', description: '企业法人的统一社会信用代码 (91…)' });

/** A case number (案号) in its canonical form; `max` counts canonical characters. */
export function caseNumberSchema(max = 128) {
  return rawText(max).transform(canonicalCaseNumber)
    .pipe(z.string().min(1, '案号不能为空 (caseNumber is empty)').max(max, `案号不得超过${max}个字符 (at most ${max} characters)`))
    .openapi({ type: 'string', format: identifierFormats.caseNumber, example: '(2025)京0105执1234号', description: '案号 (brackets and digits half-width, no blanks)' });
}

/** A party's name in its canonical form (NFC, full-width round brackets, blanks collapsed). */
export function partyNameSchema(max = 200) {
  return rawText(max).transform(canonicalPartyName)
    .pipe(z.string().min(1, '名称不能为空 (name is empty)').max(max, `名称不得超过${max}个字符 (at most ${max} characters)`))
    .openapi({ type: 'string', format: identifierFormats.partyName, example: '某某贸易有限公司' });
}

/**
 * A ruling's 文号 in canonical case-number form: `(year)` then the court and kind, the number and 号,
 * and an optional 之N — `(2026)京0105执保12号之一`. A release recorded with `x` for its ruling (issue
 * 14, outside break) could not be traced to any ruling.
 */
export function rulingNumberSchema(label: string, max = 64) {
  return caseNumberSchema(max).pipe(z.string().regex(/^\(\d{4}\)[^()]+号(之[^号()]+)?$/u,
    `${label}应为裁判文书文号，如(2026)京0105执保12号之一 (a ruling number: (year), court and kind, number and 号)`))
    .openapi({ type: 'string', format: identifierFormats.caseNumber, example: '(2026)京0105执保12号之一', description: label });
}
