// The transfer workflow on a real Temporal server under a compressed statute profile: every branch
// of issue 4's "Done when", read back from the workflow's status and from PostgreSQL.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  acceptUpdate, addCaseUpdate, declareBankruptcyUpdate, docketUpdate, panelReviewUpdate, proposeUpdate, recordConsentUpdate,
  recordHandOverUpdate, recordReturnUpdate, recordScreeningUpdate, recordServiceUpdate, rejectUpdate, requestMaterialUpdate,
  signUpdate, supplyMaterialUpdate, withdrawConsentUpdate,
} from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
import { chinaToday,
  act, actors, courts, enforcementCase, newCreditCode, profile, proposal, readModel, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** With RECORD_TRANSFER_HISTORIES=1, saves a run's history for the replay test (test/histories). */
const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
const today = chinaToday();

async function toConsent(body: ReturnType<typeof triggerFor>, p = profile(400)) {
  const handle = await trigger(h, body, p);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return handle;
}

async function toDecided(handle: Awaited<ReturnType<typeof toConsent>>, consentBy: string) {
  await act(handle, recordConsentUpdate, { actor: actors.party(consentBy), partyId: consentBy, consents: true, documentRef: `doc:consent-${consentBy}` });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移1号' });
}

describe('transfer workflow (compressed profile, real Temporal and PostgreSQL)', () => {
  it('debtor alone consents; the president signs; suspension notices go to three courts with a perishable-goods exception; accepted, hand-over excludes sold property; bankruptcy declared ends enforcement', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [
      enforcementCase(courts.enforcement, ['c1'], [
        { itemId: 'p-cash', kind: 'money', description: '执行款5万元', status: 'held', perishable: false },
        { itemId: 'p-sold', kind: 'real_estate', description: '已拍卖房产（成交裁定已送达买受人）', status: 'sold_ruling_served', perishable: false },
      ]),
      enforcementCase(courts.second, ['c2'], [
        { itemId: 'p-fruit', kind: 'movable', description: '冷库苹果20吨', status: 'held', perishable: true, seizedAt: '2025-03-01T10:00:00+08:00' },
      ]),
      enforcementCase(courts.third, ['c3'], [
        { itemId: 'p-car', kind: 'movable', description: '小型轿车一辆', status: 'held', perishable: false, seizedAt: '2025-02-01T10:00:00+08:00' },
      ]),
    ]);
    const handle = await toConsent(body);
    let s = await status(handle);
    expect(s.stage).toBe('consent');
    expect(s.receivingCourt).toBe(courts.receiving);
    expect(s.consents.map((c) => [c.partyId, c.reply, c.explanationGiven])).toEqual(
      expect.arrayContaining([[body.debtor.partyId, 'pending', true], ['c1', 'pending', true], ['c2', 'pending', true], ['c3', 'pending', true]]));

    await toDecided(handle, body.debtor.partyId);
    s = await status(handle);
    expect(s.stage).toBe('decided');
    expect(s.cases.every((c) => c.status === 'suspended')).toBe(true);
    expect(s.material.map((m) => m.kind)).toEqual(['package_1', 'package_2', 'package_3', 'package_4', 'package_5', 'package_6']);
    expect(s.material[1]!.documentRefs).toEqual([`doc:consent-${body.debtor.partyId}`]);

    let rm = await readModel(h.db.pool, code);
    const suspensions = rm.notices.filter((n) => n.kind === 'suspension');
    expect(suspensions.map((n) => n.recipient).sort()).toEqual([courts.enforcement, courts.second, courts.third].sort());
    expect(suspensions.find((n) => n.recipient === courts.second)!.body).toContain('冷库苹果20吨');
    expect(suspensions.find((n) => n.recipient === courts.second)!.body).toContain('变价款不得分配');
    expect(rm.notices.filter((n) => n.kind === 'decision_service')).toHaveLength(4);
    expect(rm.notices.filter((n) => n.kind === 'transfer_package').map((n) => n.recipient)).toEqual([courts.receiving]);

    await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone(s), servedOn: today });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2025)京01破申7号' });
    s = await waitForStage(handle, 'under_review');
    expect(s.history.map((x) => x.to).filter(Boolean)).toEqual(
      ['screening', 'consent', 'panel_review', 'president_signature', 'decided', 'at_receiving_court', 'under_review']);
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申7号之一' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(s), servedOn: today });
    await act(handle, recordHandOverUpdate, {
      actor: actors.officer,
      items: [{ itemId: 'p-cash', to: 'administrator' }, { itemId: 'p-fruit', to: 'administrator' }],
      seizures: [{ itemId: 'p-car', disposition: 'control_handed_over' }],
      enforcementCosts: [{ description: '评估费', amountCents: 300_000 }],
    });
    s = await status(handle);
    expect(Object.fromEntries(s.property.map((p) => [p.itemId, p.disposition]))).toEqual({
      'p-cash': 'administrator', 'p-sold': 'excluded', 'p-fruit': 'administrator', 'p-car': 'control_handed_over',
    });
    await act(handle, declareBankruptcyUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破7号', kind: 'bankruptcy_declared' });
    expect(await handle.result()).toMatchObject({ stage: 'bankruptcy_declared' });
    await keepHistory(handle, 'accepted-bankruptcy');

    rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'bankruptcy_declared', ruling_kind: 'accepted' });
    expect(rm.cases.every((c) => c.status === 'terminated')).toBe(true);
    expect(rm.notices.filter((n) => n.kind === 'enforcement_terminated')).toHaveLength(3);
    expect(rm.property.find((p) => p.item_id === 'p-sold')).toMatchObject({ disposition: 'excluded' });
    const final = await status(handle);
    // The audit trail holds every act of the history, in order, with who and which court.
    expect(rm.audit.filter((a) => a.action !== 'deadlineOverdue').map((a) => a.action))
      .toEqual(final.history.filter((x) => x.action !== 'deadlineOverdue').map((x) => x.action));
    expect(rm.audit.find((a) => a.action === 'signDecision')).toMatchObject({ actor_id: 'president-1', actor_role: 'court_president', actor_court: courts.enforcement });
    expect(rm.deadlines.every((d) => d.status !== 'open')).toBe(true);
  });

  it('one of several creditors consents; the panel sends back with reasons and the officer re-proposes; cases join the running transfer before and after the decision', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['a1', 'a2']), enforcementCase(courts.enforcement, ['a3'])]);
    const handle = await toConsent(body);
    await act(handle, recordConsentUpdate, { actor: actors.party('a1'), partyId: 'a1', consents: false });
    await act(handle, recordConsentUpdate, { actor: actors.officer, partyId: 'a2', consents: true, documentRef: 'doc:a2' });

    // A case from another court arrives while consent is collected: it joins, its creditor is asked.
    const late = enforcementCase(courts.second, ['a4']);
    await act(handle, addCaseUpdate, { actor: actors.officer2, case: late });
    let s = await status(handle);
    expect(s.cases.map((c) => c.caseNumber)).toContain(late.caseNumber);
    expect(s.consents.find((c) => c.partyId === 'a4')).toMatchObject({ reply: 'pending', explanationGiven: true });
    expect(s.scope.involvedCourts).toEqual([courts.enforcement, courts.second]);

    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: false, reasons: '债务清单不完整，请补充' });
    s = await status(handle);
    expect(s.stage).toBe('consent');
    expect(s.sentBack).toMatchObject({ by: 'panel', reasons: '债务清单不完整，请补充' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal, reasons: '已补充债务清单' });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: false, reasons: '请核实管辖' });
    expect((await status(handle)).sentBack).toMatchObject({ by: 'president' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移2号' });
    s = await status(handle);
    expect(s.stage).toBe('decided');
    expect(s.material.find((m) => m.kind === 'package_2')!.documentRefs).toEqual(['doc:a2']);

    // A case arriving after the decision joins and is suspended at once.
    const later = enforcementCase(courts.third, ['a5']);
    await act(handle, addCaseUpdate, { actor: actors.officer3, case: later });
    s = await status(handle);
    expect(s.cases.find((c) => c.caseNumber === later.caseNumber)).toMatchObject({ status: 'suspended' });
    const rm = await readModel(h.db.pool, code);
    expect(rm.notices.filter((n) => n.kind === 'suspension').map((n) => n.recipient)).toContain(courts.third);
    expect(rm.cases.map((c) => c.case_number)).toContain(later.caseNumber);
    expect(rm.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['panelSentBack', 'presidentSentBack', 'addCase']));
    await handle.terminate('test done');
    await keepHistory(handle, 'sent-back-cases-join');
  });

  it('consent withdrawn before the decision: the proposal falls back to consent; when replies close with no consent the transfer ends as no_consent', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['w1'])]);
    const handle = await toConsent(body, profile(100, { consentReply: { amount: 20, unit: 'days', article: 'test' } }));
    await act(handle, recordConsentUpdate, { actor: actors.party('w1'), partyId: 'w1', consents: true, documentRef: 'doc:w1' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, withdrawConsentUpdate, { actor: actors.party('w1'), partyId: 'w1', reason: '已与被执行人和解' });
    const s = await status(handle);
    expect(s.stage).toBe('consent');
    expect(s.consents.find((c) => c.partyId === 'w1')).toMatchObject({ reply: 'withdrawn', withdrawReason: '已与被执行人和解' });
    await expect(handle.result()).rejects.toThrow();
    await keepHistory(handle, 'consent-withdrawn');
    const rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'no_consent' });
    expect(rm.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['withdrawConsent', 'consentPeriodEnded']));
    expect(rm.deadlines.find((d) => d.name === 'consentReply')).toMatchObject({ status: 'met' });
  });

  it('a supplementation request pauses the 30-day review clock; the ruling then moves by the paused time', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['s1'])]);
    // 1 s a day: the 10-day supplementation lasts 10 s, time enough for two acts on a loaded machine
    // where each write is an activity's round trip (2.5 s was overtaken).
    const handle = await toConsent(body, profile(1000));
    await toDecided(handle, 's1');
    await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申8号' });
    const before = (await waitForStage(handle, 'under_review')).deadlines.find((d) => d.name === 'acceptanceRuling')!;
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['近三年财务报表'], reason: '影响对资不抵债的认定' });
    const paused1 = (await status(handle)).deadlines.find((d) => d.name === 'acceptanceRuling')!;
    await sleep(500);
    const paused2 = (await status(handle)).deadlines.find((d) => d.name === 'acceptanceRuling')!;
    expect(paused1.paused).toBe(true);
    expect(paused2.remainingMs).toBe(paused1.remainingMs);
    expect((await status(handle)).deadlines.map((d) => d.name)).toContain('supplementation');
    const s = await status(handle);
    await act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId: s.materialRequests[0]!.requestId, documents: ['doc:fin-2022-2024'] });
    const resumed = (await status(handle)).deadlines.find((d) => d.name === 'acceptanceRuling')!;
    expect(resumed.paused).toBe(false);
    expect(Date.parse(resumed.dueAt) - Date.parse(before.dueAt)).toBeGreaterThanOrEqual(500);
    const rm = await readModel(h.db.pool, code);
    expect(rm.material.filter((m) => m.kind === 'requested')).toEqual([{ item_key: 'R1-1', kind: 'requested', status: 'supplied' }]);
    expect(rm.deadlines.find((d) => d.name === 'supplementation')).toMatchObject({ status: 'met' });
    await handle.terminate('test done');
    await keepHistory(handle, 'supplementation-pause');
  });

  it('rejected: the ruling is served, material and property are returned and enforcement resumes; a second trigger is refused for ever', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['r1'], [
      { itemId: 'r-car', kind: 'movable', description: '货车', status: 'held', perishable: false },
    ])]);
    const handle = await toConsent(body, profile(400));
    await toDecided(handle, 'r1');
    await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申9号' });
    const s = await waitForStage(handle, 'under_review');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申9号之一', reasons: '被执行人资产足以清偿' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(s), servedOn: today });
    // It takes effect once the 10-day appeal window passes with no appeal (企业破产法 art. 12; issue 5).
    await vi.waitFor(async () => expect((await status(handle)).ruling).toMatchObject({ kind: 'rejected', effectiveAt: expect.any(String) }), { timeout: 15_000, interval: 100 });
    // A return dated before the ruling was served is refused, naming the field; the day it went back is kept.
    expect(await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['r-car'], materialReturned: true, returnedOn: '2020-01-02' })
      .then(() => 'accepted', (err: { cause?: { message?: string } }) => err.cause?.message)).toMatch(/^returnedOn/);
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['r-car'], materialReturned: true, returnedOn: today });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    expect((await status(handle)).returnedOn).toBe(today);
    await keepHistory(handle, 'rejected-returned');
    const rm = await readModel(h.db.pool, code);
    expect(rm.audit.find((a) => a.action === 'recordReturn')).toBeDefined();
    expect(rm.cases.every((c) => c.status === 'resumed')).toBe(true);
    expect(rm.notices.filter((n) => n.kind === 'enforcement_resumed').map((n) => n.recipient)).toEqual([courts.enforcement]);
    expect(rm.property).toEqual([{ item_id: 'r-car', status: 'held', disposition: 'returned' }]);

    await expect(trigger(h, body)).rejects.toMatchObject({ status: 409, body: { error: 'TransferBarred' } });
    await expect(trigger(h, body)).rejects.toThrow(/直接向人民法院申请破产/);
  });

  it('the 30-day review passes unanswered: the deadline escalates to the supervisor and shows as overdue', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['o1'])]);
    // The decision's 5 days to serve are 100 here: only the review's 30 days lapse, however slow the acts.
    const handle = await toConsent(body, profile(100, {
      consentReply: { amount: 30, unit: 'days', article: 'test' }, decisionService: { amount: 100, unit: 'days', article: 'test' },
    }));
    await toDecided(handle, 'o1');
    await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await act(handle, docketUpdate, { actor: actors.clerk, docketNumber: '(2025)京01破申10号' });
    await sleep(3_000);
    await vi.waitFor(async () => {
      const s = await status(handle);
      expect(s.deadlines.find((d) => d.name === 'acceptanceRuling')).toMatchObject({ overdue: true, escalated: true });
      const rm = await readModel(h.db.pool, code);
      expect(rm.transfer[0]).toMatchObject({ overdue: true });
      expect(rm.deadlines.find((d) => d.name === 'acceptanceRuling')).toMatchObject({ status: 'overdue' });
      expect(rm.audit.filter((a) => a.action === 'deadlineOverdue')).toHaveLength(1);
    }, { timeout: 10_000, interval: 200 });
    const escalations = (await h.db.pool.query(`select kind, court, message from escalations where process_id = $1 and kind = 'overdue'`, [`transfer-${code}`])).rows;
    expect(escalations).toEqual([expect.objectContaining({ court: courts.receiving, message: expect.stringContaining('受理审查期限') })]);
    // A late ruling is still taken; the deadline stays recorded as missed.
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申10号之一' });
    expect((await readModel(h.db.pool, code)).deadlines.find((d) => d.name === 'acceptanceRuling')).toMatchObject({ status: 'overdue' });
    await handle.terminate('test done');
    await keepHistory(handle, 'review-overdue');
  });
});
