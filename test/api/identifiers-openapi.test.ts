// Walks the OpenAPI document: every request parameter or body field that carries a credit code or a
// case number (by name, at any depth, in arrays too) must be one of the canonical identifier schemas
// (api/schemas/identifiers.ts, marked by their `format`), so no route takes a raw one. The bulk import,
// whose rows the document shows as free objects, is checked through its row schema.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { identifierFormats } from '../../api/schemas/identifiers';
import { enforcementCaseRowSchema } from '../../api/schemas/candidates';
import { testConfig } from '../support/temporal';

type Schema = { $ref?: string; type?: string; format?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[] };
type Doc = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

const app = createApp({ config: testConfig(), client: {} as Client, pool: {} as pg.Pool });
const doc = (await (await app.request('/openapi.json')).json()) as Doc;

const rules: [RegExp, string[]][] = [
  [/creditcodes?$/i, [identifierFormats.creditCode, identifierFormats.enterpriseCreditCode]],
  [/casenumbers?$/i, [identifierFormats.caseNumber]],
];

function resolve(s: Schema): Schema {
  return s.$ref ? doc.components!.schemas![s.$ref.split('/').pop()!]! : s;
}

/** Every identifier-named field under `schema`, with where it is and its format (arrays: their items'). */
function identifierFields(schema: Schema, where: string, seen = new Set<Schema>()): { where: string; name: string; format?: string }[] {
  const s = resolve(schema);
  if (seen.has(s)) return [];
  seen.add(s);
  const found: { where: string; name: string; format?: string }[] = [];
  for (const part of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) found.push(...identifierFields(part, where, seen));
  if (s.items) found.push(...identifierFields(s.items, `${where}[]`, seen));
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const p = resolve(prop);
    const leaf = p.type === 'array' && p.items ? resolve(p.items) : p;
    if (rules.some(([re]) => re.test(name))) found.push({ where: `${where}.${name}`, name, format: leaf.format });
    found.push(...identifierFields(prop, `${where}.${name}`, seen));
  }
  return found;
}

const inputs = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).flatMap(([method, op]) => [
  ...(op.parameters ?? []).map((p) => ({ where: `${method.toUpperCase()} ${path} ${p.in} ${p.name}`, name: p.name, format: p.schema && resolve(p.schema).format })),
  ...Object.values(op.requestBody?.content ?? {}).flatMap((c) => (c.schema ? identifierFields(c.schema, `${method.toUpperCase()} ${path} body`) : [])),
]));

describe('no route takes a raw credit code or case number', () => {
  it('finds the identifier inputs it should (the walk itself works)', () => {
    const where = inputs.map((i) => i.where);
    expect(where).toContain('POST /transfers body.creditCode');
    expect(where).toContain('POST /transfers body.cases[].caseNumber');
    expect(where).toContain('POST /transfers/{creditCode}/cases path creditCode');
    expect(where.some((w) => w.startsWith('POST /preservations body') && w.endsWith('.creditCode'))).toBe(true);
    expect(where.filter((w) => /creditCode$/i.test(w)).length).toBeGreaterThan(20);
  });

  it.each(inputs.filter((i) => rules.some(([re]) => re.test(i.name))).map((i) => [i.where, i]))('%s is canonical', (_, input) => {
    const allowed = rules.find(([re]) => re.test(input.name))![1];
    expect(allowed).toContain(input.format);
  });

  it('the import rows (free objects in the document) parse through the canonical schemas', () => {
    const row = enforcementCaseRowSchema.parse({
      court: 'BPC-110105', caseNumber: '（2025）京0105执1001号 ', debtorCreditCode: ' 91350100m000100y43', debtorKind: 'enterprise_legal_person',
      applicantCount: 1, outstandingCents: 100, status: 'open', filedOn: '2025-01-02',
    });
    expect([row.caseNumber, row.debtorCreditCode]).toEqual(['(2025)京0105执1001号', '91350100M000100Y43']);
  });
});
