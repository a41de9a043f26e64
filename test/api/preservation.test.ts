// The preservation API on real Temporal and PostgreSQL: refusals are 4xx with the workflow's
// reason and change nothing; lists come from PostgreSQL.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { apiCaller, type ApiCall } from '../support/api-client';
import type { TestDatabase } from '../support/database';
import { startWorkerHarness, testConfig, type WorkerHarness } from '../support/temporal';
import { application, clerk, court, eventually, judge, officer, otherCourt, supervisor } from '../fixtures/preservation';

const config = testConfig();
let h: WorkerHarness;
let db: TestDatabase;
let client: Client;
let app: ReturnType<typeof createApp>;
let call: ApiCall;

beforeAll(async () => {
  h = await startWorkerHarness({ taskQueue: config.TEMPORAL_TASK_QUEUE });
  ({ db, client } = h);
  app = createApp({ config, client, pool: db.pool });
  call = apiCaller(app, config);
});

afterAll(() => h?.stop());

async function snapshot(preservationId: string) {
  const [p, m, a] = await Promise.all([
    db.pool.query('select stage, ruling, case_number, enforcement_case_number from preservations where preservation_id = $1', [preservationId]),
    db.pool.query('select measure_id, status, term from preservation_measures where preservation_id = $1 order by measure_id', [preservationId]),
    db.pool.query('select count(*)::int as n from audit_trail where process_id = $1', [preservationId]),
  ]);
  return { preservation: p.rows[0], measures: m.rows, audit: a.rows[0].n };
}

describe('preservation API', () => {
  it('applies, refuses what the rules refuse without changing anything, and lists from PostgreSQL', async () => {
    const app1 = application();
    expect((await call(undefined, 'POST', '/preservations', app1)).status).toBe(401);
    const invalid = await call(clerk, 'POST', '/preservations', { ...app1, security: undefined });
    expect(invalid.status).toBe(422);
    expect(invalid.body.fields.map((f: any) => f.field)).toContain('security');
    expect((await call({ ...clerk, court: otherCourt }, 'POST', '/preservations', app1)).status).toBe(403);
    // The day the application was accepted starts the time to rule (a day alone: the 48 hours from its 24:00): never a later day.
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const future = await call(clerk, 'POST', '/preservations', { ...app1, urgent: true, appliedOn: tomorrow });
    expect(future.status).toBe(422);
    expect(future.body.fields).toEqual([expect.objectContaining({ field: 'appliedOn', message: expect.stringMatching(/^受理申请时间：.*晚于当前时间/) })]);

    const created = await call(clerk, 'POST', '/preservations', app1);
    expect(created.status).toBe(201);
    const id: string = created.body.preservationId;
    expect(id).toBe(`preservation-${court}-${app1.applicationNumber}`);
    expect((await call(clerk, 'POST', '/preservations', app1)).status).toBe(409);
    const base = `/preservations/${id}`;
    await eventually(async () => (await snapshot(id)).preservation);
    const before = await snapshot(id);

    const wrongRuler = await call(judge, 'POST', `${base}/ruling`, { decision: 'granted', reason: '准许' });
    expect(wrongRuler.status).toBe(403);
    expect(wrongRuler.body.message).toContain('filing desk');
    const wrongRole = await call(officer, 'POST', `${base}/ruling`, { decision: 'granted', reason: '准许' });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.message).toContain('preservation.rule');
    const tooEarly = await call(officer, 'POST', `${base}/measures`, { measureId: 'm1', kind: 'bank_deposit', asset: 'acct', location: '北京', rank: 1 });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ error: 'WrongStage' });
    expect(tooEarly.body.message).toContain('待裁定');
    expect(await snapshot(id)).toEqual(before);

    const granted = await call(clerk, 'POST', `${base}/ruling`, { decision: 'granted', reason: '符合诉前保全条件' });
    expect(granted.status).toBe(200);
    expect(granted.body.stage).toBe('in_force');
    const queue = await eventually(async () => {
      const { body } = await call(officer, 'GET', `/enforcement-queue?court=${court}`);
      return body.queue.find((q: any) => q.preservationId === id);
    });
    expect(queue).toMatchObject({ measuresRecorded: 0, kind: 'pre_suit' });

    const recorded = await call(officer, 'POST', `${base}/measures`, { measureId: 'm1', kind: 'real_estate', asset: '京(2026)朝阳区不动产权第1号', location: '北京市朝阳区', rank: 2 });
    expect(recorded.status).toBe(200);
    // The typed rank 2 is ignored: the register ranks it, the first seizure of this asset (查封扣押冻结规定 art. 26).
    expect(recorded.body.measures[0]).toMatchObject({ measureId: 'm1', status: 'live', rank: 1, term: 1 });
    // The 30-day pre-suit period is 3 s here: settle the suit first, then look around.
    const mid = await snapshot(id);
    const noSuit = await call(officer, 'POST', `${base}/enforcement-filed`, { enforcementCaseNumber: '(2026)京0105执1号' });
    expect(noSuit.status).toBe(409);
    expect(noSuit.body.message).toContain('尚未起诉');
    expect(await snapshot(id)).toEqual(mid);

    expect((await call(clerk, 'POST', `${base}/suit-filed`, { caseNumber: '(2026)京0105民初1号' })).status).toBe(200);
    expect((await call(officer, 'POST', `${base}/measures`, { measureId: 'm1', kind: 'movables', asset: 'x', location: 'y', rank: 1 })).status).toBe(422);
    expect((await call(officer, 'POST', `${base}/measures/nope/renewal`, {})).status).toBe(404);
    expect((await call({ ...officer, court: otherCourt }, 'POST', `${base}/measures/m1/renewal`, {})).status).toBe(403);

    const status = await call(officer, 'GET', base);
    expect(status.status).toBe(200);
    expect(status.body.measures[0].expiresAt).toBeTruthy();
    expect(status.body.allowedActions).toEqual(expect.arrayContaining(['recordMeasure', 'renewMeasure', 'consult', 'fileEnforcement']));
    expect(status.body.allowedActions).not.toContain('rule');
    expect((await call({ ...supervisor, court: otherCourt }, 'GET', base)).status).toBe(403);

    const expiring = await eventually(async () => {
      const { body } = await call(supervisor, 'GET', `/measures/expiring?withinDays=60&court=${court}`);
      return body.measures.find((m: any) => m.preservationId === id);
    });
    expect(expiring).toMatchObject({ measureId: 'm1', kind: 'real_estate' });
    const soon = await call(supervisor, 'GET', `/measures/expiring?withinDays=1&court=${court}`);
    expect(soon.body.measures.find((m: any) => m.preservationId === id)).toBeUndefined();

    const list = await call(clerk, 'GET', `/preservations?court=${court}&stage=in_force`);
    expect(list.body.preservations.map((p: any) => p.preservationId)).toContain(id);
    const refusedList = await call(clerk, 'GET', `/preservations?court=${court}&stage=refused`);
    expect(refusedList.body.preservations.map((p: any) => p.preservationId)).not.toContain(id);
    expect((await call(clerk, 'GET', '/preservations?stage=nonsense')).status).toBe(422);

    const converted = await call(officer, 'POST', `${base}/enforcement-filed`, { enforcementCaseNumber: '(2026)京0105执1号' });
    expect(converted.status).toBe(200);
    expect(converted.body.measures[0]).toMatchObject({ status: 'converted', rank: 1 });
    const closeWrong = await call(judge, 'POST', `${base}/closure`, { outcome: 'withdrawn', reason: '撤诉' });
    expect(closeWrong.status).toBe(409);
    const after = await snapshot(id);
    expect(after.preservation).toMatchObject({ stage: 'converted', case_number: '(2026)京0105民初1号', enforcement_case_number: '(2026)京0105执1号' });
    expect(after.measures).toEqual([{ measure_id: 'm1', status: 'converted', term: 1 }]);
  });

  it('refuses an in-suit application ruled by the filing desk; a refusal by the judge is recorded with its reason', async () => {
    const created = await call(clerk, 'POST', '/preservations', application({ kind: 'in_suit', caseNumber: '(2026)京0105民初2号', security: undefined }));
    const base = `/preservations/${created.body.preservationId}`;
    const byClerk = await call(clerk, 'POST', `${base}/ruling`, { decision: 'granted', reason: '准许' });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.message).toContain('trial judge');
    const refused = await call(judge, 'POST', `${base}/ruling`, { decision: 'refused', reason: '申请保全的财产不属于被申请人' });
    expect(refused.status).toBe(200);
    expect(refused.body.ruling).toMatchObject({ decision: 'refused', reason: '申请保全的财产不属于被申请人', role: 'trial_judge' });
    const row = await eventually(async () => (await db.pool.query(
      "select ruling_reason, stage from preservations where preservation_id = $1 and stage = 'refused'", [created.body.preservationId])).rows[0]);
    expect(row.ruling_reason).toBe('申请保全的财产不属于被申请人');
    const audit = await db.pool.query("select reason from audit_trail where process_id = $1 and action = 'preservation.refuse'", [created.body.preservationId]);
    expect(audit.rows[0].reason).toBe('申请保全的财产不属于被申请人');
  });

  it('releases, consults and answers over HTTP, refusing repeats and the wrong role', async () => {
    const created = await call(clerk, 'POST', '/preservations', application({ kind: 'in_suit', caseNumber: '(2026)京0105民初3号', security: undefined }));
    const id: string = created.body.preservationId;
    const base = `/preservations/${id}`;
    expect((await call(judge, 'POST', `${base}/ruling`, { decision: 'granted', reason: '准许' })).status).toBe(200);
    expect((await call(officer, 'POST', `${base}/measures`, { measureId: 'car', kind: 'movables', asset: '京A12345', location: '北京', rank: 1 })).status).toBe(200);
    const seenByJudge = await call(judge, 'GET', base);
    expect(seenByJudge.status).toBe(200);
    expect(seenByJudge.body.measures[0]).toMatchObject({ measureId: 'car', kind: 'movables', status: 'live' });
    expect(Date.parse(seenByJudge.body.measures[0].expiresAt)).toBeGreaterThan(Date.now());
    expect(seenByJudge.body.allowedActions).toEqual(['answerConsultation', 'close']);
    // A renewal carries the day the applicant applied (issue 13): in the future, malformed or before the
    // measure was taken it is refused naming appliedOn, and nothing is renewed.
    const dayOf = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const renewAt = `${base}/measures/car/renewal`;
    for (const appliedOn of [dayOf(1), '2026-02-30', '2026-11-2']) {
      const bad = await call(officer, 'POST', renewAt, { appliedOn });
      expect(bad.status, appliedOn).toBe(422);
      expect(bad.body.fields, appliedOn).toEqual([expect.objectContaining({ field: 'appliedOn', message: expect.stringMatching(/^申请续行日期：/) })]);
    }
    const beforeTaken = await call(officer, 'POST', renewAt, { appliedOn: dayOf(-1) });
    expect(beforeTaken.status).toBe(422);
    expect(beforeTaken.body.message).toMatch(new RegExp(`^appliedOn：${dayOf(-1)}早于takenAt（采取措施时间）`));
    expect((await call(judge, 'GET', base)).body.measures[0]).toMatchObject({ term: 1 });
    expect((await call(judge, 'GET', base)).body.measures[0].renewal).toBeUndefined();
    const renewed = await call(officer, 'POST', renewAt, { appliedOn: dayOf(0), note: '申请人申请续行' });
    expect(renewed.status).toBe(200);
    expect(renewed.body.measures[0]).toMatchObject({ term: 2, renewal: { appliedOn: dayOf(0), late: expect.any(Boolean) } });
    expect(await eventually(async () => (await db.pool.query(
      'select renewal_applied_on from preservation_measures where preservation_id = $1 and term = 2', [id])).rows[0])).toEqual({ renewal_applied_on: dayOf(0) });
    // A release without its ruling (number, date), or ruled in the future, changes nothing.
    const unruled = await call(officer, 'POST', `${base}/measures/car/release`, { reason: '被申请人提供担保' });
    expect(unruled.status).toBe(422);
    expect(JSON.stringify(unruled.body)).toContain('ruling');
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const future = await call(officer, 'POST', `${base}/measures/car/release`, { reason: '被申请人提供担保', ruling: { number: '(2026)京0105执保3号之一', ruledOn: tomorrow } });
    expect(future.status).toBe(422);
    expect(future.body.message).toContain('ruling.ruledOn');
    // A number that is no ruling's 文号 traces to nothing (issue 14, outside break: 'x' was recorded).
    const today0 = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const number of ['x', '执保3号', '(2026)京0105执保三']) {
      const bad = await call(officer, 'POST', `${base}/measures/car/release`, { reason: '被申请人提供担保', ruling: { number, ruledOn: today0 } });
      expect(bad.status, number).toBe(422);
      expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'ruling.number', message: expect.stringMatching(/^解除保全裁定书文号应为裁判文书文号/) })]);
    }
    expect((await call(judge, 'GET', base)).body.measures[0]).toMatchObject({ status: 'live' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const ruling = { number: '(2026)京0105执保3号之一', ruledOn: today };
    const released = await call(officer, 'POST', `${base}/measures/car/release`, { reason: '被申请人提供担保', ruling });
    expect(released.status).toBe(200);
    expect(released.body.measures[0]).toMatchObject({ status: 'released', releaseReason: '被申请人提供担保', releaseRuling: ruling });
    const registered = await eventually(async () => (await db.pool.query(
      "select status, release_ruling_number, to_char(release_ruled_on, 'YYYY-MM-DD') as ruled_on from seizures where seizure_key = $1 and status = 'released'",
      [`${id}:car`])).rows[0]);
    expect(registered).toMatchObject({ release_ruling_number: ruling.number, ruled_on: today });
    const audited = await db.pool.query("select details from audit_trail where process_id = $1 and action = 'preservation.releaseMeasure'", [id]);
    expect(audited.rows[0].details).toMatchObject({ ruling });
    const again = await call(officer, 'POST', `${base}/measures/car/release`, { reason: '再次解除', ruling });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('released');

    expect((await call(officer, 'POST', `${base}/consultations`, { consultationId: 'q1', question: '判决主文不明确' })).status).toBe(200);
    const byOfficer = await call(officer, 'POST', `${base}/consultations/q1/answer`, { answer: 'x' });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.message).toContain('preservation.answerConsultation');
    expect((await call(judge, 'POST', `${base}/consultations/q9/answer`, { answer: 'x' })).status).toBe(404);
    // The day the answer was received (issue 13): in the future or before the consultation was sent it
    // is refused naming receivedOn, and the consultation stays unanswered.
    const tooLate = await call(judge, 'POST', `${base}/consultations/q1/answer`, { answer: '以主文第一项为准', receivedOn: dayOf(1) });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.fields).toEqual([expect.objectContaining({ field: 'receivedOn', message: expect.stringMatching(/^收到答复日期：.*晚于当前时间/) })]);
    const beforeAsked = await call(judge, 'POST', `${base}/consultations/q1/answer`, { answer: '以主文第一项为准', receivedOn: dayOf(-1) });
    expect(beforeAsked.status).toBe(422);
    expect(beforeAsked.body.message).toMatch(new RegExp(`^receivedOn：${dayOf(-1)}早于askedAt（征询时间）`));
    expect((await call(judge, 'GET', base)).body.consultations[0].answer).toBeUndefined();
    const answered = await call(judge, 'POST', `${base}/consultations/q1/answer`, { answer: '以主文第一项为准', receivedOn: dayOf(0) });
    expect(answered.status).toBe(200);
    expect(answered.body.consultations[0]).toMatchObject({ answer: '以主文第一项为准', answeredBy: 'judge-1', receivedOn: dayOf(0) });
    expect(await eventually(async () => (await db.pool.query(
      'select received_on from preservation_consultations where preservation_id = $1 and answer is not null', [id])).rows[0])).toEqual({ received_on: dayOf(0) });
    expect((await call(judge, 'POST', `${base}/consultations/q1/answer`, { answer: 'again' })).status).toBe(409);

    const closed = await call(judge, 'POST', `${base}/closure`, { outcome: 'settled', reason: '和解并已履行' });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('released');
    const row = await eventually(async () => (await db.pool.query(
      "select closure_outcome from preservations where preservation_id = $1 and stage = 'released'", [id])).rows[0]);
    expect(row.closure_outcome).toBe('settled');
    // The run has finished: a further act is refused as too late (409), not as an unknown preservation (404).
    await client.workflow.getHandle(id).result();
    const late = await call(judge, 'POST', `${base}/closure`, { outcome: 'settled', reason: '再次' });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/已经结束/);
  });

  it('documents every preservation endpoint with its permission-table action', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as any;
    for (const path of ['/preservations', '/preservations/{preservationId}', '/preservations/{preservationId}/ruling',
      '/preservations/{preservationId}/measures/{measureId}/renewal', '/preservations/{preservationId}/consultations/{consultationId}/answer',
      '/measures/expiring', '/enforcement-queue']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/preservations/{preservationId}/ruling'].post['x-courtrelay-action']).toBe('preservation.rule');
  });
});
