// Enforcement-case import and the candidate worklist through the API on real PostgreSQL: the import
// report (accepted / updated / unchanged / rejected with field and reason), the sweep's candidates
// as an officer of each court sees them, and dismissal with a reason in the audit trail.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCandidates } from '../../activities/candidates/worklist';
import { createApp } from '../../api/app';
import type { Actor } from '../../workflows/shared/actor';
import { actors, courts, newCreditCode } from '../fixtures/transfer';
import { apiCaller, type ApiCall } from '../support/api-client';
import { freshDatabase, type TestDatabase } from '../support/database';
import { testConfig } from '../support/temporal';

const config = testConfig();
let db: TestDatabase;
let call: ApiCall;

beforeAll(async () => {
  db = await freshDatabase();
  // Import, list and dismiss never reach Temporal.
  call = apiCaller(createApp({ config, client: {} as Client, pool: db.pool }), config);
});
afterAll(async () => { await db?.close(); });

const admin: Actor = { userId: 'admin-1', role: 'administrator' };
let seq = 0;
function row(court: string, debtorCreditCode: string, status: string, extra: Record<string, unknown> = {}) {
  seq++;
  return {
    court, caseNumber: `(2025)${court}执${seq}号`, debtorCreditCode, debtorKind: 'enterprise_legal_person', applicantCount: 1,
    outstandingCents: 100_000_00 * seq, status, filedOn: '2025-01-10', ...(status === 'open' ? {} : { closedOn: '2025-06-30' }), ...extra,
  };
}

describe('POST /enforcement-cases/import', () => {
  it('writes valid rows, reports each rejected row with field and reason, and is idempotent per court and case number', async () => {
    const code = newCreditCode();
    const good = [row(courts.enforcement, code, 'closed_no_property'), row(courts.enforcement, code, 'open')];
    const bad = [
      { ...row(courts.enforcement, code, 'open'), debtorCreditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') },
      { ...row(courts.enforcement, code, 'satisfied'), closedOn: undefined },
      { ...row(courts.enforcement, code, 'open'), applicantCount: 0, extra: 'x' },
      row(courts.second, code, 'open'),
      { ...row(courts.enforcement, code, 'open'), filedOn: '0000-01-01' },
    ];
    const first = await call(actors.officer, 'POST', '/enforcement-cases/import', { rows: [...good, ...bad] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ received: 7, accepted: 2, updated: 0, unchanged: 0 });
    const rejected = first.body.rejected as { row: number; caseNumber: string; fields: { field: string; message: string }[] }[];
    expect(rejected.map((r) => [r.row, r.caseNumber, r.fields.map((f) => f.field).sort()])).toEqual([
      [2, bad[0]!.caseNumber, ['debtorCreditCode']],
      [3, bad[1]!.caseNumber, ['closedOn']],
      [4, bad[2]!.caseNumber, ['(body)', 'applicantCount']],
      [5, bad[3]!.caseNumber, ['court']],
      [6, bad[4]!.caseNumber, ['filedOn']],
    ]);
    expect(rejected[0]!.fields[0]!.message).toMatch(/校验位/);
    expect(rejected[3]!.fields[0]!.message).toMatch(/本院/);

    const again = await call(actors.officer, 'POST', '/enforcement-cases/import', { rows: [good[0], { ...good[1], outstandingCents: 1 }] });
    expect(again.body).toMatchObject({ received: 2, accepted: 0, updated: 1, unchanged: 1, rejected: [] });
    const { rows } = await db.pool.query('select case_number, outstanding_cents::int as cents from enforcement_cases where debtor_credit_code = $1 order by case_number', [code]);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.case_number === good[1]!.caseNumber)!.cents).toBe(1);
  });

  it('refuses a body that is not a list of 1 to 1000 rows, and a role with no import row', async () => {
    expect((await call(actors.officer, 'POST', '/enforcement-cases/import', { rows: [] })).status).toBe(422);
    expect((await call(actors.officer, 'POST', '/enforcement-cases/import', { rows: Array.from({ length: 1001 }, () => ({})) })).status).toBe(422);
    expect((await call(actors.judge, 'POST', '/enforcement-cases/import', { rows: [{}] })).status).toBe(403);
  });
});

describe('GET /transfer-candidates and dismissal', () => {
  it('lists what the sweep found for the officer\'s court; a dismissal needs a reason, is audited, and survives the next sweep', async () => {
    const terminated = newCreditCode();
    const spread = newCreditCode();
    const oneCourtOnly = newCreditCode();
    const satisfied = newCreditCode();
    const notEnterprise = newCreditCode();
    const imported = await call(admin, 'POST', '/enforcement-cases/import', { rows: [
      row(courts.enforcement, terminated, 'closed_no_property'),
      row(courts.enforcement, spread, 'open'), row(courts.second, spread, 'open'),
      row(courts.enforcement, oneCourtOnly, 'open'), row(courts.enforcement, oneCourtOnly, 'open'),
      row(courts.enforcement, satisfied, 'satisfied'), row(courts.second, satisfied, 'satisfied'),
      row(courts.enforcement, notEnterprise, 'closed_no_property', { debtorKind: 'other' }),
    ] });
    expect(imported.body).toMatchObject({ accepted: 8, rejected: [] });
    await sweepCandidates(db.pool, { sweepDate: '2026-01-05', sweptAt: new Date().toISOString() });

    const mine = await call(actors.officer, 'GET', '/transfer-candidates');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const listed = (mine.body.items as { creditCode: string }[]).map((c) => c.creditCode);
    expect(listed).toEqual(expect.arrayContaining([terminated, spread]));
    expect(listed).not.toContain(oneCourtOnly);
    expect(listed).not.toContain(satisfied);
    expect(listed).not.toContain(notEnterprise);
    const item = (mine.body.items as any[]).find((c) => c.creditCode === spread);
    expect(item).toMatchObject({ status: 'open', courts: [courts.enforcement, courts.second].sort(), unsatisfied: 2 });
    expect(item.reasons).toEqual(['2个法院共2件执行案件未执行完毕']);

    const second = (await call(actors.officer2, 'GET', '/transfer-candidates')).body.items as { creditCode: string }[];
    expect(second.map((c) => c.creditCode)).toContain(spread);
    expect(second.map((c) => c.creditCode)).not.toContain(terminated);
    expect((await call(actors.officer, 'GET', `/transfer-candidates?court=${courts.second}`)).status).toBe(403);

    expect((await call(actors.officer, 'POST', `/transfer-candidates/${terminated}/dismissal`, {})).status).toBe(422);
    expect((await call(actors.officer2, 'POST', `/transfer-candidates/${terminated}/dismissal`, { reason: '非本院案件' })).status).toBe(403);
    const dismissed = await call(actors.officer, 'POST', `/transfer-candidates/${terminated}/dismissal`, { reason: '被执行人已与申请执行人达成和解' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    expect((await call(actors.officer, 'POST', `/transfer-candidates/${terminated}/dismissal`, { reason: '再次' })).status).toBe(409);
    expect((await call(actors.officer, 'POST', `/transfer-candidates/${oneCourtOnly}/dismissal`, { reason: 'x' })).status).toBe(404);
    const audit = await db.pool.query(`select action, actor_id, reason from audit_trail where process_id = $1`, [`candidate-${terminated}`]);
    expect(audit.rows).toEqual([{ action: 'dismissCandidate', actor_id: actors.officer.userId, reason: '被执行人已与申请执行人达成和解' }]);

    await sweepCandidates(db.pool, { sweepDate: '2026-01-06', sweptAt: new Date().toISOString() });
    const after = await call(actors.officer, 'GET', '/transfer-candidates?status=dismissed');
    expect((after.body.items as any[]).map((c) => [c.creditCode, c.dismissedReason])).toEqual([[terminated, '被执行人已与申请执行人达成和解']]);
  });
});
