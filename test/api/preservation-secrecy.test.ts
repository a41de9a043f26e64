// Pre-suit secrecy (issue 14) over HTTP on real Temporal and PostgreSQL: the respondent's token can
// neither read nor list a pre-suit preservation until the enforcement division reports the ruling
// carried out (or the application is refused); the applicant reads and lists its own at once; an
// in-suit preservation has no secret.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { Actor } from '../../workflows/shared/actor';
import { apiCaller, type ApiCall } from '../support/api-client';
import type { TestDatabase } from '../support/database';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, eventually, judge, officer } from '../fixtures/preservation';

const config = testConfig();
let h: WorkerHarness;
let db: TestDatabase;
let client: Client;
let call: ApiCall;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  ({ db, client } = h);
  call = apiCaller(createApp({ config, client, pool: db.pool }), config);
});
afterAll(() => h?.stop());

let n = 0;
/** An applicant and a respondent of their own, so one test's lists hold only its processes. */
function parties() {
  n += 1;
  const applicant: Actor = { userId: `applicant-${n}`, role: 'party', partyId: `secret-a${n}` };
  const respondent: Actor = { userId: `respondent-${n}`, role: 'party', partyId: `secret-b${n}` };
  return { applicant, respondent, names: { applicant: { partyId: applicant.partyId!, name: '甲公司' }, respondent: { partyId: respondent.partyId!, name: '乙公司' } } };
}

const listed = async (actor: Actor) => ((await call(actor, 'GET', '/preservations')).body.preservations as { preservationId: string }[])
  .map((p) => p.preservationId);

/** Waits until the read model's row shows `stage`, so a list read afterwards reflects the act. */
const rowAt = (id: string, check: string) => eventually(async () =>
  (await db.pool.query(`select 1 from preservations where preservation_id = $1 and ${check}`, [id])).rows[0]);

describe('pre-suit secrecy (issue 14)', () => {
  it('the respondent cannot read or list a pre-suit preservation until it is carried out; the applicant can at once', async () => {
    const { applicant, respondent, names } = parties();
    const created = await call(clerk, 'POST', '/preservations', application({ ...names, propertyNamed: ['工商银行账户 6222 0000 1111'] }));
    expect(created.status).toBe(201);
    const id: string = created.body.preservationId;
    const base = `/preservations/${id}`;
    await rowAt(id, 'true');

    const own = await call(applicant, 'GET', base);
    expect(own.status).toBe(200);
    expect(own.body.propertyNamed).toEqual(['工商银行账户 6222 0000 1111']);
    expect(await listed(applicant)).toEqual([id]);
    // Answered exactly as a preservation that does not exist: the answer warns no one.
    const hidden = await call(respondent, 'GET', base);
    const unknown = await call(respondent, 'GET', `/preservations/preservation-${clerk.court}-NOSUCH1`);
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(hidden.body.error).toBe(unknown.body.error);
    expect(JSON.stringify(hidden.body)).not.toContain('6222');
    expect(await listed(respondent)).toEqual([]);

    expect((await call(clerk, 'POST', `${base}/ruling`, { decision: 'granted', reason: '符合诉前保全条件' })).status).toBe(200);
    // The suit first: the 30-day pre-suit period (3 s here) would otherwise release, and disclose, on its own.
    expect((await call(clerk, 'POST', `${base}/suit-filed`, { caseNumber: '(2026)京0105民初71号' })).status).toBe(200);
    const recorded = await call(officer, 'POST', `${base}/measures`, { measureId: 'acct', kind: 'bank_deposit', asset: '6222 0000 1111', location: '工商银行', rank: 1 });
    expect(recorded.status).toBe(200);
    expect(recorded.body.disclosedAt).toBeUndefined();
    // A measure recorded is not the ruling carried out: other accounts may still be frozen.
    expect((await call(respondent, 'GET', base)).status).toBe(404);
    await rowAt(id, "case_number = '(2026)京0105民初71号'");
    expect(await listed(respondent)).toEqual([]);
    // Only enforcement reports it, and only once.
    expect((await call(clerk, 'POST', `${base}/execution-report`, {})).status).toBe(403);

    const reported = await call(officer, 'POST', `${base}/execution-report`, { note: '已冻结被申请人账户' });
    expect(reported.status).toBe(200);
    expect(reported.body.execution).toMatchObject({ by: officer.userId, note: '已冻结被申请人账户' });
    expect(reported.body.disclosedAt).toBe(reported.body.execution.reportedAt);
    expect((await call(officer, 'POST', `${base}/execution-report`, {})).status).toBe(409);

    const seen = await call(respondent, 'GET', base);
    expect(seen.status).toBe(200);
    expect(seen.body.measures.map((m: { measureId: string }) => m.measureId)).toEqual(['acct']);
    await rowAt(id, 'disclosed_at is not null and executed_at is not null');
    expect(await listed(respondent)).toEqual([id]);
    // Another party is never shown it, secret or not.
    expect((await call({ userId: 'x', role: 'party', partyId: 'secret-stranger' }, 'GET', base)).status).toBe(403);
  });

  it('a refused pre-arbitration application is shown to the respondent; an in-suit one at once', async () => {
    const refusedParties = parties();
    const refused = await call(clerk, 'POST', '/preservations', application({ kind: 'pre_arbitration', ...refusedParties.names }));
    const refusedBase = `/preservations/${refused.body.preservationId}`;
    await rowAt(refused.body.preservationId, 'true');
    expect((await call(refusedParties.respondent, 'GET', refusedBase)).status).toBe(404);
    expect((await call(clerk, 'POST', `${refusedBase}/ruling`, { decision: 'refused', reason: '担保不足' })).status).toBe(200);
    expect((await call(refusedParties.respondent, 'GET', refusedBase)).body).toMatchObject({ stage: 'refused' });
    await rowAt(refused.body.preservationId, "stage = 'refused'");
    expect(await listed(refusedParties.respondent)).toEqual([refused.body.preservationId]);

    const inSuitParties = parties();
    const inSuit = await call(clerk, 'POST', '/preservations',
      application({ kind: 'in_suit', caseNumber: '(2026)京0105民初72号', security: undefined, ...inSuitParties.names }));
    const inSuitBase = `/preservations/${inSuit.body.preservationId}`;
    expect((await call(inSuitParties.respondent, 'GET', inSuitBase)).status).toBe(200);
    await rowAt(inSuit.body.preservationId, 'true');
    expect(await listed(inSuitParties.respondent)).toEqual([inSuit.body.preservationId]);
    expect((await call(judge, 'POST', `${inSuitBase}/closure`, { outcome: 'withdrawn', reason: '撤回申请' })).status).toBe(200);
    await client.workflow.getHandle(refused.body.preservationId).result();
  });
});
