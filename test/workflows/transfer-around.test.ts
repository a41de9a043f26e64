// Around the transfer (issue 5) on a real Temporal server and PostgreSQL, compressed profile: the
// attachment-order distribution when nobody consents, the appeal window after a rejection (appealed
// and upheld; not appealed), supervision by the higher court after the 30 days pass, known creditors
// on acceptance, and a supervisor's suspension and correction.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import { authorize } from '../../workflows/shared/permissions';
import {
  acceptUpdate, correctRecordUpdate, docketUpdate, panelReviewUpdate, proposeUpdate, recordAppealUpdate, recordConsentUpdate,
  recordCreditorNoticeUpdate, recordReturnUpdate, recordScreeningUpdate, recordServiceUpdate, recordSupervisionOrderUpdate,
  rejectUpdate, requestMaterialUpdate, requestSupervisionUpdate, resumeProcessUpdate, signUpdate, supplyMaterialUpdate, suspendProcessUpdate,
} from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
import { chinaToday,
  act, actors, courts, enforcementCase, newCreditCode, profile, proposal, readModel, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory } from '../support/replay';
import { verifyTransferReadModel } from '../../infra/audit/read-model-check';
import { actAsRole, workerRole } from '../../infra/db/app-role';
import { createPool } from '../../infra/db/database';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = chinaToday();
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
const higherCourt = 'HPC-110000';
const higherJudge: Actor = { userId: 'hjudge-1', role: 'bankruptcy_judge', court: higherCourt };

/** With RECORD_TRANSFER_HISTORIES=1, saves the run's history for the replay test (see transfer.test.ts). */
const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-around-${scenario}`);

/** An Update the workflow's validator refused, with its reason. */
async function refused(call: Promise<unknown>, reason: RegExp): Promise<void> {
  const err = await call.then(() => undefined, (e: unknown) => e as { cause?: { message?: string } });
  expect(err, 'the update was accepted').toBeDefined();
  expect(err!.cause?.message).toMatch(reason);
}

async function toConsent(body: ReturnType<typeof triggerFor>, p = profile(400)) {
  const handle = await trigger(h, body, p);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  return handle;
}

async function toReview(handle: WorkflowHandle, consentBy: string) {
  await act(handle, recordConsentUpdate, { actor: actors.party(consentBy), partyId: consentBy, consents: true, documentRef: `doc:consent-${consentBy}` });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移5号' });
  await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone(await status(handle)), servedOn: today });
  await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申50号' });
  return waitForStage(handle, 'under_review');
}

async function rejectedAndServed(p = profile(400)) {
  const code = newCreditCode();
  const body = triggerFor(code, [enforcementCase(courts.enforcement, ['j1'], [
    { itemId: 'j-car', kind: 'movable', description: '货车', status: 'held', perishable: false },
  ])]);
  const handle = await toConsent(body, p);
  const s = await toReview(handle, 'j1');
  await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申50号之一', reasons: '被执行人资产足以清偿' });
  await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(s), servedOn: today });
  return { code, handle };
}


/**
 * audit:verify --deep's reconciliation of this transfer's read model (issue 16): clean once the read
 * model has caught up with the workflow, then `edit` as courtrelay_worker is named by table and column.
 */
async function reconciled(handle: WorkflowHandle, code: string, edit: string, named: { table: string; column?: string; kind: string }): Promise<void> {
  const mine = async () => (await verifyTransferReadModel(h.db.pool as never, h.client)).findings.filter((f) => f.processId === handle.workflowId);
  const seq = (await status(handle)).seq;
  await vi.waitFor(async () => {
    expect((await h.db.pool.query('select version from transfers where credit_code = $1', [code])).rows[0]?.version).toBe(seq);
  }, { timeout: 20_000, interval: 200 });
  expect(await mine()).toEqual([]);
  // The check leaves a process whose read model is behind its workflow for the write in flight, and
  // that write rewrites the rows: when the workflow moved on by itself (a compressed deadline's
  // escalation on a busy machine), the edit is made again until the check judges it.
  const worker = actAsRole(createPool(h.db.url, 1), workerRole);
  try {
    await vi.waitFor(async () => {
      const changed = await worker.query(edit, [code]);
      expect(changed.rowCount).toBeGreaterThanOrEqual(1);
      expect(await mine()).toEqual(expect.arrayContaining([expect.objectContaining(named)]));
    }, { timeout: 30_000, interval: 500 });
  } finally {
    await worker.end();
  }
}

describe('no consent at all: the attachment-order distribution (民诉法解释 art. 514)', () => {
  it('nobody consents; the order of payment matches the one computed by hand from seizure dates and ranks', async () => {
    const code = newCreditCode();
    const a = enforcementCase(courts.enforcement, ['a1'], [
      { itemId: 'a-car', kind: 'movable', description: '轿车', status: 'held', perishable: false, seizedAt: '2025-02-01T10:00:00+08:00' },
    ]);
    const b = enforcementCase(courts.second, ['b1'], [
      { itemId: 'b-stock', kind: 'movable', description: '库存钢材', status: 'held', perishable: false, seizedAt: '2025-05-01T10:00:00+08:00' },
    ]);
    const c = enforcementCase(courts.third, ['c1', 'c2']);
    const d = enforcementCase(courts.enforcement, ['d1']);
    // Converted preservation and enforcement seizures on the debtor's property (activities/preservation).
    const seizure = (key: string, caseNumber: string, court: string, takenAt: string, rank: number, source: string) => h.db.pool.query(
      `insert into seizures (seizure_key, debtor_credit_code, source, asset_kind, asset, location, taken_at, rank, court, case_number)
       values ($1,$2,$3,'real_estate','厂房','朝阳区',$4,$5,$6,$7)`, [key, code, source, takenAt, rank, court, caseNumber]);
    await seizure(`s-b-${code}`, b.caseNumber, courts.second, '2025-03-01T09:00:00+08:00', 2, 'preservation');
    // One asset, three seizures: a rank for each (a second live rank 1 on an asset is refused, migration 195).
    await seizure(`s-c-${code}`, c.caseNumber, courts.third, '2025-03-01T09:00:00+08:00', 1, 'preservation');
    await seizure(`s-a-${code}`, a.caseNumber, courts.enforcement, '2025-04-01T09:00:00+08:00', 3, 'enforcement');

    const handle = await toConsent(triggerFor(code, [a, b, c, d]), profile(300));
    await act(handle, recordConsentUpdate, { actor: actors.party('b1'), partyId: 'b1', consents: false, note: '不同意移送' });
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('FAILED');

    // By hand, asset by asset in the order of its first seizure (民诉法解释 art. 514): costs, priority
    // claims; the car to A (2025-02-01); the factory to C (2025-03-01 09:00, rank 1), then B (same
    // instant, rank 2), then A (2025-04-01); the steel to B (2025-05-01); D, which seized nothing, last.
    const { rows } = await h.db.pool.query(
      `select r.position, r.tier, r.case_number, r.creditor_ids, r.seizure_rank, r.source, r.asset
         from attachment_distribution_rows r join attachment_distributions d using (distribution_key)
        where d.credit_code = $1 order by r.position`, [code]);
    expect(rows.map((r) => [r.position, r.tier, r.case_number, r.creditor_ids])).toEqual([
      [1, 'enforcement_costs', null, []],
      [2, 'priority_claims', null, []],
      [3, 'ordinary_by_seizure', a.caseNumber, ['a1']],
      [4, 'ordinary_by_seizure', c.caseNumber, ['c1', 'c2']],
      [5, 'ordinary_by_seizure', b.caseNumber, ['b1']],
      [6, 'ordinary_by_seizure', a.caseNumber, ['a1']],
      [7, 'ordinary_by_seizure', b.caseNumber, ['b1']],
      [8, 'ordinary_without_seizure', d.caseNumber, ['d1']],
    ]);
    expect(rows.slice(2, 7).map((r) => [r.asset, r.source, r.seizure_rank])).toEqual([
      ['轿车', 'transfer', null], ['厂房', 'preservation', 1], ['厂房', 'preservation', 2], ['厂房', 'enforcement', 3], ['库存钢材', 'transfer', null],
    ]);
    const rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'no_consent' });
    expect(rm.audit.at(-1)).toMatchObject({ action: 'attachmentDistribution', reason: expect.stringContaining('第514条') });
    await reconciled(handle, code, `update attachment_distribution_rows set creditor_ids = '{x1}' where position = 8
      and distribution_key in (select distribution_key from attachment_distributions where credit_code = $1)`,
    { kind: 'changed', table: 'attachment_distribution_rows', column: 'creditor_ids' });
    await keepHistory(handle, 'no-consent-distribution');
  });
});

describe('appeal window on rejection (企业破产法 art. 12)', () => {
  it('appealed and upheld: the ruling waits for the appeal, then takes effect; material is returned', async () => {
    const { code, handle } = await rejectedAndServed();
    let s = await status(handle);
    expect(s.around?.appeal).toMatchObject({ windowOpenedAt: expect.any(String) });
    expect(s.ruling?.effectiveAt).toBeUndefined();
    expect(s.deadlines.map((d) => d.label)).toContain('不予受理裁定上诉期（10日）');
    await refused(act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['j-car'], materialReturned: true }), /尚未生效/);
    await refused(act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'nobody', filedOn: today }), /不是本案当事人/);
    await act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'j1', filedOn: today });
    // Well past the window: an appeal on file holds the ruling back.
    await sleep(5_000);
    s = await status(handle);
    expect(s.ruling?.effectiveAt).toBeUndefined();
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'upheld', rulingNumber: '(2025)京民终88号', decidedOn: chinaToday(), reasons: '上诉理由不成立',
    });
    s = await status(handle);
    expect(s.ruling).toMatchObject({ kind: 'rejected', effectiveAt: expect.any(String) });
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['j-car'], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const rm = await readModel(h.db.pool, code);
    expect(rm.audit.map((x) => x.action)).toEqual(expect.arrayContaining(['openAppealWindow', 'appealFiled', 'appealDecided', 'rulingEffective', 'recordReturn']));
    expect(rm.audit.map((x) => x.action)).not.toContain('appealWindowPassed');
    expect(rm.deadlines.find((d) => d.name === 'appealWindow')).toMatchObject({ status: 'met' });
    await keepHistory(handle, 'appeal-upheld');
  });

  it('not appealed: the ruling takes effect when the 10 days pass, and only then may material be returned', async () => {
    const { code, handle } = await rejectedAndServed(profile(200));
    expect((await status(handle)).ruling?.effectiveAt).toBeUndefined();
    await vi.waitFor(async () => expect((await status(handle)).ruling?.effectiveAt).toBeDefined(), { timeout: 10_000, interval: 100 });
    const s = await status(handle);
    expect(s.around?.appeal?.lapsedAt).toBeDefined();
    await refused(act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'j1', filedOn: today }), /上诉期已/);
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['j-car'], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const actions = (await readModel(h.db.pool, code)).audit.map((x) => x.action);
    expect(actions.indexOf('appealWindowPassed')).toBeLessThan(actions.indexOf('rulingEffective'));
    await keepHistory(handle, 'appeal-window-passed');
  });

  it('appealed and overturned: the transfer goes on to acceptance, with known creditors handed over', async () => {
    const { code, handle } = await rejectedAndServed();
    await act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'j1', filedOn: today });
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'overturned', rulingNumber: '(2025)京民终89号', decidedOn: chinaToday(), reasons: '符合受理条件',
    });
    const s = await status(handle);
    expect(s.stage).toBe('accepted');
    expect(s.ruling).toMatchObject({ kind: 'accepted', rulingNumber: '(2025)京民终89号' });
    expect(s.around?.appeal?.originalRuling).toMatchObject({ kind: 'rejected' });
    const { rows } = await h.db.pool.query('select party_id from known_creditors where credit_code = $1', [code]);
    expect(rows).toEqual([{ party_id: 'j1' }]);
    await handle.terminate('test done');
  });
});

describe('higher-court supervision (GO art. 13)', () => {
  it('the 30 days pass; the enforcement court asks the higher court, whose 10-day order is tracked and recorded', async () => {
    const code = newCreditCode();
    const handle = await toConsent(triggerFor(code, [enforcementCase(courts.enforcement, ['o1'])]), profile(100, { consentReply: { amount: 60, unit: 'days', article: 'test' } }));
    await toReview(handle, 'o1');
    const early = { actor: actors.officer, grounds: 'review_overdue' as const, reason: '逾期未裁定' };
    await refused(act(handle, requestSupervisionUpdate, early), /尚未届满/);
    await vi.waitFor(async () => expect((await status(handle)).deadlines.find((d) => d.key.includes(':acceptanceRuling:'))?.overdue).toBe(true), { timeout: 10_000, interval: 100 });
    await refused(act(handle, requestSupervisionUpdate, { ...early, actor: actors.judge }), /may not/);
    expect(authorize(higherJudge, 'transfer.view', (await status(handle)).scope).allowed).toBe(false);
    const asked = await act(handle, requestSupervisionUpdate, early);
    let s = await status(handle);
    // Asked to supervise, the higher court sees the transfer (and so can record its order from the console).
    expect(authorize(higherJudge, 'transfer.view', s.scope).allowed).toBe(true);
    expect(s.around?.supervisions).toEqual([expect.objectContaining({ grounds: 'review_overdue', higherCourt })]);
    const order = s.deadlines.find((d) => d.key.includes(':supervisionOrder:'))!;
    expect(order).toMatchObject({ court: higherCourt, label: '上一级法院监督指令期限（10日）', overdue: false });
    // The same request again is the same act (acknowledged, issue 12); another one waits for the order.
    // (Compared with the first act's answer, not the status: at a day in 100 ms the order's own
    // period may fall due in between and move the status on.)
    expect((await act(handle, requestSupervisionUpdate, early)).seq).toBe(asked.seq);
    expect((await status(handle)).history.filter((x) => x.action === 'requestSupervision')).toHaveLength(1);
    await refused(act(handle, requestSupervisionUpdate, { ...early, reason: '再次请求' }), /尚未作出指令/);
    await refused(act(handle, recordSupervisionOrderUpdate, { actor: actors.judge, order: 'rule', orderNumber: '监1' }), /HPC-110000/);
    await act(handle, recordSupervisionOrderUpdate, { actor: higherJudge, order: 'rule', orderNumber: '(2025)京破监1号' });
    s = await status(handle);
    expect(s.deadlines.some((d) => d.key.includes(':supervisionOrder:'))).toBe(false);
    expect(s.around?.supervisions[0]?.order).toMatchObject({ order: 'rule', orderNumber: '(2025)京破监1号', recordedBy: higherJudge.userId });
    const rm = await readModel(h.db.pool, code);
    expect(rm.deadlines.filter((d) => d.name === 'supervisionOrder')).toEqual([{ name: 'supervisionOrder', status: 'met' }]);
    expect(rm.audit.filter((a) => a.action.includes('upervision')).map((a) => [a.action, a.actor_court])).toEqual([
      ['requestSupervision', courts.enforcement], ['recordSupervisionOrder', higherCourt],
    ]);
    await handle.terminate('test done');
    await keepHistory(handle, 'supervision');
  });
});

describe('known creditors on acceptance (企业破产法 art. 14)', () => {
  it('every applicant of the cases is handed to the bankruptcy case; the 25-day notice is tracked until recorded', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, ['k1', 'k2']), enforcementCase(courts.second, ['k2', 'k3'])]);
    const handle = await toConsent(body);
    await toReview(handle, 'k1');
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破50号' });
    const { rows } = await h.db.pool.query(
      'select party_id, case_numbers, courts, bankruptcy_court, ruling_number from known_creditors where credit_code = $1 order by party_id', [code]);
    expect(rows.map((r) => [r.party_id, r.case_numbers.length, r.courts.sort(), r.bankruptcy_court, r.ruling_number])).toEqual([
      ['k1', 1, [courts.enforcement], courts.receiving, '(2025)京01破50号'],
      ['k2', 2, [courts.enforcement, courts.second].sort(), courts.receiving, '(2025)京01破50号'],
      ['k3', 1, [courts.second], courts.receiving, '(2025)京01破50号'],
    ]);
    let s = await status(handle);
    expect(s.deadlines.find((d) => d.key.includes(':knownCreditorNotice:'))).toMatchObject({ court: courts.receiving, label: '通知已知债权人并公告期限（25日）' });
    await refused(act(handle, recordCreditorNoticeUpdate, { actor: actors.officer, notifiedOn: today, announcementRef: 'x' }), /may not/);
    await act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: today, announcementRef: '全国企业破产重整案件信息网公告2025-88' });
    s = await status(handle);
    expect(s.around?.knownCreditors).toMatchObject({ partyIds: ['k1', 'k2', 'k3'], notifiedOn: today });
    const rm = await readModel(h.db.pool, code);
    expect(rm.deadlines.find((d) => d.name === 'knownCreditorNotice')).toMatchObject({ status: 'met' });
    expect(rm.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['acceptTransfer', 'handKnownCreditors', 'notifyKnownCreditors']));
    await reconciled(handle, code, "update known_creditors set name = '伪债权人' where credit_code = $1 and party_id = 'k2'",
      { kind: 'changed', table: 'known_creditors', column: 'name' });
    await handle.terminate('test done');
    await keepHistory(handle, 'known-creditors');
  });
});

describe('corrections by the supervisor', () => {
  it('suspends (its own court\'s acts refused; the parties\' reply window runs on) and resumes with reasons; corrects a record by a new entry, never editing the old', async () => {
    const code = newCreditCode();
    const handle = await toConsent(triggerFor(code, [enforcementCase(courts.enforcement, ['s1'])]), profile(100, { consentReply: { amount: 300, unit: 'days', article: 'test' } }));
    const before = (await status(handle)).deadlines.find((d) => d.key.includes(':consentReply:'))!;
    await refused(act(handle, suspendProcessUpdate, { actor: actors.officer, reason: 'x' }), /may not/);
    await act(handle, suspendProcessUpdate, { actor: actors.supervisor, reason: '收到异议，核查送达情况' });
    let s = await status(handle);
    // The consent-reply period is the parties' (GO art. 4): a court's suspension does not stop it, nor their replies.
    expect(s.deadlines.find((d) => d.key === before.key)).toMatchObject({ paused: false, dueAt: before.dueAt });
    await act(handle, recordConsentUpdate, { actor: actors.party('s1'), partyId: 's1', consents: true, documentRef: 'doc:s1' });
    await refused(act(handle, proposeUpdate, { actor: actors.officer, ...proposal }), /暂停/);
    await act(handle, resumeProcessUpdate, { actor: actors.supervisor, reason: '核查完毕，送达无误' });
    s = await status(handle);
    expect(s.deadlines.find((d) => d.key === before.key)!.paused).toBe(false);

    const screened = s.history.find((act) => act.action === 'recordScreening')!;
    await refused(act(handle, correctRecordUpdate, { actor: actors.supervisor, correctsSeq: 999, correction: 'x', reason: 'x' }), /没有序号/);
    await act(handle, correctRecordUpdate, { actor: actors.supervisor, correctsSeq: screened.seq, correction: '终本案件数应为3件', reason: '录入错误' });
    s = await status(handle);
    expect(s.history.find((act) => act.seq === screened.seq)).toEqual(screened);
    expect(s.history.at(-1)).toMatchObject({ action: 'correctRecord', reason: '录入错误', details: { corrects: screened.seq, correctedAction: 'recordScreening' } });
    const rm = await readModel(h.db.pool, code);
    expect(rm.audit.filter((a) => a.actor_role === 'supervisor').map((a) => [a.action, a.actor_role, a.reason])).toEqual([
      ['suspendProcess', 'supervisor', '收到异议，核查送达情况'], ['resumeProcess', 'supervisor', '核查完毕，送达无误'], ['correctRecord', 'supervisor', '录入错误'],
    ]);
    await handle.terminate('test done');
  });

  it('the enforcement court\'s suspension stops only its own periods and acts: the receiving court\'s review runs on and it may act', async () => {
    const code = newCreditCode();
    const handle = await toConsent(triggerFor(code, [enforcementCase(courts.enforcement, ['w1'])]), profile(400));
    await toReview(handle, 'w1');
    const review = (await status(handle)).deadlines.find((d) => d.name === 'acceptanceRuling')!;
    expect(review.court).toBe(courts.receiving);
    await act(handle, suspendProcessUpdate, { actor: actors.supervisor, reason: '核查执行案件' });
    let s = await status(handle);
    expect(s.around?.suspension).toMatchObject({ court: courts.enforcement, pausedDeadlines: [] });
    expect(s.deadlines.find((d) => d.key === review.key)).toMatchObject({ paused: false });
    // The receiving court acts on; the enforcement court's own act waits for the resumption.
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['财产清单原件'], reason: '核实财产' });
    await refused(act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId: 'R1', documents: ['doc:list'] }), /暂停/);
    // The enforcement court's period to supply, opened while it is suspended, waits with it (patched
    // 'suspension-holds-new-deadlines'); the resumption starts it.
    s = await status(handle);
    const supply = s.deadlines.find((d) => d.name === 'supplementation')!;
    expect(supply).toMatchObject({ court: courts.enforcement, paused: true });
    expect(s.around?.suspension?.pausedDeadlines).toEqual([supply.key]);
    await act(handle, resumeProcessUpdate, { actor: actors.supervisor, reason: '核查完毕' });
    expect((await status(handle)).deadlines.find((d) => d.key === supply.key)).toMatchObject({ paused: false });
    await act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId: 'R1', documents: ['doc:list'] });
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申50号之九' });
    s = await status(handle);
    expect(s.stage).toBe('accepted');
    await handle.terminate('test done');
    await keepHistory(handle, 'suspension-within-court');
  });
});
