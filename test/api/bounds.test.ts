// Every bound the database has, checked at the door (api/schemas/bounds.ts): a value PostgreSQL
// would refuse is a 422 naming the field in Chinese, and nothing starts; the largest value the
// column holds goes all the way into the read model. Issue 12: a 17-digit amount was accepted and
// the preservation's read-model write was retried for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { maxCents, maxInteger } from '../../api/schemas/bounds';
import { preservationIdFor } from '../../api/schemas/preservation';
import type { Actor } from '../../workflows/shared/actor';
import { apiCaller, type ApiCall } from '../support/api-client';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, eventually, officer as preservationOfficer, supervisor } from '../fixtures/preservation';
import { actors, enforcementCase, newCreditCode, registerCases, screening, triggerFor } from '../fixtures/transfer';
import { cstDateOf, cstIso } from '../../workflows/clock/cst';

const config = testConfig();
let h: WorkerHarness;
let call: ApiCall;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  call = apiCaller(createApp({ config, client: h.client, pool: h.db.pool }), config);
});
afterAll(() => h?.stop());

const seventeenDigits = '12345678901234567.00';
const yearZero = '0000-06-01';
const yearZeroInstant = '0000-06-01T10:00:00+08:00';

/** A 422 whose problems name `field` with a Chinese message. */
async function refusedAtTheDoor(actor: Actor, path: string, body: unknown, field: string): Promise<void> {
  const res = await call(actor, 'POST', path, body);
  expect(res.status, `${path} ${field}: ${JSON.stringify(res.body)}`).toBe(422);
  const problem = (res.body.fields as { field: string; message: string }[]).find((f) => f.field === field);
  expect(problem, `${path}: no problem named ${field} in ${JSON.stringify(res.body.fields)}`).toBeDefined();
  expect(problem!.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('preservation amounts', () => {
  it('a 17-digit amount is a 422 naming amount, and no process starts', async () => {
    const app = application({ amount: seventeenDigits });
    const res = await call(clerk, 'POST', '/preservations', app);
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'amount', message: expect.stringMatching(/金额.*16位整数/) })]);
    expect(res.body.message).toContain('amount');
    const id = preservationIdFor(app.court, app.applicationNumber);
    await expect(h.client.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
    expect((await h.db.pool.query('select 1 from preservations where preservation_id = $1', [id])).rowCount).toBe(0);
  });

  it('the largest amount numeric(18, 2) holds is accepted and lands in the read model', async () => {
    const largest = '9999999999999999.99';
    const app = application({ amount: largest, security: { kind: 'cash', amount: largest } });
    const res = await call(clerk, 'POST', '/preservations', app);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await eventually(async () => {
      const { rows } = await h.db.pool.query<{ amount: string }>('select amount::text from preservations where preservation_id = $1', [res.body.preservationId]);
      return rows[0]?.amount;
    }, 30_000);
    expect(stored).toBe(largest);
  });
});

describe('every route that writes a bounded column refuses what the column cannot hold', () => {
  const pid = preservationIdFor('BPC-110105', 'BQBOUNDS1');
  const code = newCreditCode();
  const trigger = triggerFor(code, [enforcementCase('BPC-110105', ['party-b1'])]);
  const cases: [string, Actor, string, unknown, string][] = [
    ['security amount', clerk, '/preservations', application({ security: { kind: 'cash', amount: seventeenDigits } }), 'security.amount'],
    ['measure rank', preservationOfficer, `/preservations/${pid}/measures`, { measureId: 'm1', kind: 'bank_deposit', asset: '账户', location: '某银行', rank: maxInteger + 1 }, 'rank'],
    ['measure taken in year 0', preservationOfficer, `/preservations/${pid}/measures`, { measureId: 'm1', kind: 'bank_deposit', asset: '账户', location: '某银行', rank: 1, takenAt: yearZeroInstant }, 'takenAt'],
    ['suit filed in year 0', clerk, `/preservations/${pid}/suit-filed`, { caseNumber: '(2025)京0105民初1号', filedAt: yearZeroInstant }, 'filedAt'],
    ['property value over 2^53', actors.officer, '/transfers', { ...trigger, cases: [enforcementCase('BPC-110105', ['party-b1'], [{ itemId: 'p1', kind: 'money', description: '存款', valueCents: maxCents + 2, status: 'held', perishable: false }])] }, 'cases.0.property.0.valueCents'],
    ['property seized in year 0', actors.officer, '/transfers', { ...trigger, cases: [enforcementCase('BPC-110105', ['party-b1'], [{ itemId: 'p1', kind: 'money', description: '存款', seizedAt: yearZeroInstant, status: 'held', perishable: false }])] }, 'cases.0.property.0.seizedAt'],
    ['investigation in year 0', actors.officer, '/transfers', { ...trigger, investigation: { ...trigger.investigation, conductedOn: yearZero } }, 'investigation.conductedOn'],
    ['debts over 2^53', actors.officer, `/transfers/${code}/screening`, { ...screening, insolvency: { ...screening.insolvency, debtsCents: 2 ** 60 } }, 'insolvency.debtsCents'],
    ['case count over integer', actors.officer, `/transfers/${code}/screening`, { ...screening, insolvency: { ...screening.insolvency, unsatisfiedCases: maxInteger + 1 } }, 'insolvency.unsatisfiedCases'],
    ['service in year 0', actors.officer, `/transfers/${code}/service`, { servedPartyIds: ['party-b1'], servedOn: yearZero }, 'servedOn'],
    ['enforcement costs over 2^53', actors.officer, `/transfers/${code}/hand-over`, { items: [], seizures: [], enforcementCosts: [{ description: '评估费', amountCents: maxCents + 2 }] }, 'enforcementCosts.0.amountCents'],
    ['appeal filed in year 0', actors.judge, `/transfers/${code}/appeal`, { appellantPartyId: 'party-b1', filedOn: yearZero }, 'filedOn'],
    ['appeal decided after 2100', actors.judge, `/transfers/${code}/appeal-decision`, { outcome: 'upheld', rulingNumber: '(2025)京民终1号', decidedOn: '2101-01-01', reasons: '维持' }, 'decidedOn'],
    ['creditor notice in year 0', actors.judge, `/transfers/${code}/creditor-notice`, { notifiedOn: yearZero, announcementRef: 'ann-1' }, 'notifiedOn'],
    ['correction of seq over integer', actors.supervisor, `/transfers/${code}/corrections`, { correctsSeq: maxInteger + 1, correction: '更正', reason: '笔误' }, 'correctsSeq'],
    ['interference in year 0', supervisor, '/interference', { caseRef: '(2025)京0105执1号', intervenor: { name: '某', position: '某', unit: '某' }, channel: 'phone', request: '过问', occurredAt: yearZeroInstant }, 'occurredAt'],
    ['interference request over its CHECK', supervisor, '/interference', { caseRef: '(2025)京0105执1号', intervenor: { name: '某', position: '某', unit: '某' }, channel: 'phone', request: '问'.repeat(4001), occurredAt: '2025-10-09T10:30:00+08:00' }, 'request'],
  ];
  it.each(cases)('%s → 422 naming the field', async (_name, actor, path, body, field) => {
    await refusedAtTheDoor(actor, path, body, field);
  });

  it('an imported case row over bigint or integer is rejected by row and field, and not stored', async () => {
    const row = {
      court: 'BPC-110105', caseNumber: '(2025)京0105执9001号', debtorCreditCode: newCreditCode(), debtorKind: 'enterprise_legal_person',
      applicantCount: 1, outstandingCents: 100, status: 'open', filedOn: '2025-01-02',
    };
    const res = await call(actors.officer, 'POST', '/enforcement-cases/import', {
      rows: [{ ...row, outstandingCents: maxCents + 2 }, { ...row, caseNumber: '(2025)京0105执9002号', applicantCount: maxInteger + 1 }, { ...row, caseNumber: '(2025)京0105执9003号', filedOn: yearZero }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.accepted).toBe(0);
    const named = (res.body.rejected as { fields: { field: string; message: string }[] }[]).map((r) => r.fields.map((f) => f.field));
    expect(named).toEqual([['outstandingCents'], ['applicantCount'], ['filedOn']]);
    expect((await h.db.pool.query("select 1 from enforcement_cases where case_number like '(2025)京0105执900%'")).rowCount).toBe(0);
  });
});

describe('the date of something already done is never in the future (CST; today is allowed)', () => {
  const pid = preservationIdFor('BPC-110105', 'BQFUTURE1');
  const code = newCreditCode();
  const trigger = triggerFor(code, [enforcementCase('BPC-110105', ['party-b1'])]);
  const tomorrow = cstDateOf(Date.now() + 86_400_000);
  const inAnHour = cstIso(Date.now() + 3_600_000);
  const seized = (seizedAt: string) => ({ ...trigger, cases: [enforcementCase('BPC-110105', ['party-b1'], [{ itemId: 'p1', kind: 'money', description: '存款', seizedAt, status: 'held', perishable: false }])] });
  const cases: [string, Actor, string, unknown, string, string][] = [
    ['investigation conducted', actors.officer, '/transfers', { ...trigger, investigation: { ...trigger.investigation, conductedOn: tomorrow } }, 'investigation.conductedOn', '财产调查日期'],
    ['property seized', actors.officer, '/transfers', seized(inAnHour), 'cases.0.property.0.seizedAt', '查封扣押冻结时间'],
    ['property seized (added case)', actors.officer, `/transfers/${code}/cases`, { case: seized(inAnHour).cases[0] }, 'case.property.0.seizedAt', '查封扣押冻结时间'],
    ['measure taken (instant)', preservationOfficer, `/preservations/${pid}/measures`, { measureId: 'm1', kind: 'bank_deposit', asset: '账户', location: '某银行', takenAt: inAnHour }, 'takenAt', '采取措施时间'],
    ['measure taken (date)', preservationOfficer, `/preservations/${pid}/measures`, { measureId: 'm1', kind: 'bank_deposit', asset: '账户', location: '某银行', takenOn: tomorrow }, 'takenOn', '采取措施时间'],
    ['release ruled', preservationOfficer, `/preservations/${pid}/measures/m1/release`, { reason: '已提供担保', ruling: { number: '(2026)京0105执保1号之一', ruledOn: tomorrow } }, 'ruling.ruledOn', '解除保全裁定日期'],
    ['suit filed (instant)', clerk, `/preservations/${pid}/suit-filed`, { caseNumber: '(2025)京0105民初1号', filedAt: inAnHour }, 'filedAt', '起诉时间'],
    ['interference occurred', supervisor, '/interference', { caseRef: '(2025)京0105执1号', intervenor: { name: '某', position: '某', unit: '某' }, channel: 'phone', request: '过问', occurredAt: inAnHour }, 'occurredAt', '发生时间'],
  ];
  it.each(cases)('%s: tomorrow → 422 naming the field in Chinese', async (_name, actor, path, body, field, label) => {
    const res = await call(actor, 'POST', path, body);
    expect(res.status, `${path} ${field}: ${JSON.stringify(res.body)}`).toBe(422);
    const problem = (res.body.fields as { field: string; message: string }[]).find((f) => f.field === field);
    expect(problem, JSON.stringify(res.body.fields)).toBeDefined();
    expect(problem!.message).toMatch(new RegExp(`^${label}：.*不能填写将来的日期 \\(.* is in the future\\)$`));
  });

  it('an imported case filed or closed tomorrow is rejected by row and field; filed and closed today is accepted', async () => {
    const today = cstDateOf(Date.now());
    const row = {
      court: 'BPC-110105', caseNumber: '(2025)京0105执9101号', debtorCreditCode: newCreditCode(), debtorKind: 'enterprise_legal_person',
      applicantCount: 1, outstandingCents: 100, status: 'open', filedOn: today,
    };
    const res = await call(actors.officer, 'POST', '/enforcement-cases/import', {
      rows: [{ ...row, filedOn: tomorrow }, { ...row, caseNumber: '(2025)京0105执9102号', status: 'closed_no_property', filedOn: '2025-01-02', closedOn: tomorrow }, { ...row, caseNumber: '(2025)京0105执9103号', status: 'closed_no_property', closedOn: today }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.accepted).toBe(1);
    const named = (res.body.rejected as { fields: { field: string; message: string }[] }[]).map((r) => r.fields.map((f) => [f.field, f.message.slice(0, 4)]));
    expect(named).toEqual([[['filedOn', '立案日期']], [['closedOn', '结案日期']]]);
  });

  it('an investigation conducted today starts the transfer', async () => {
    const today = triggerFor(newCreditCode(), [enforcementCase('BPC-110105', ['party-b1'])]);
    await registerCases(h.db.pool, today.creditCode, today.cases);
    const res = await call(actors.officer, 'POST', '/transfers', { ...today, investigation: { ...today.investigation, conductedOn: cstDateOf(Date.now()) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});
