// Issue 15's missing branches of the transfer, on the real server, each run's history replayed and
// kept for the replay test: the payment order once a rejection takes effect (民诉法解释 art. 514); the
// claims period fixed with the acceptance and tracked from the announcement (企业破产法 art. 45); the
// application dismissed after acceptance (企业破产法 art. 12 para. 2), returned as a rejection is; a
// party's objection to the transfer decision, raised and dealt with at the receiving court (DOMAIN.md step 5);
// the claims period run again after a dismissal is overturned on appeal.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptanceBody } from '../../api/schemas/transfer';
import {
  acceptUpdate, declareBankruptcyUpdate, dismissAfterAcceptanceUpdate, docketUpdate, panelReviewUpdate, recordHandOverUpdate, proposeUpdate, recordConsentUpdate, recordReturnUpdate, recordScreeningUpdate, recordServiceUpdate,
  raiseObjectionUpdate, recordAppealUpdate, recordCreditorNoticeUpdate, rejectUpdate, ruleOnObjectionUpdate, signUpdate,
} from '../../workflows/transfer/messages';
import type { TransferStatus } from '../../workflows/transfer/state';
import {
  act, actors, chinaToday, courts, enforcementCase, newCreditCode, profile, proposal, readModel, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { startTransferHarness, type TransferHarness } from '../fixtures/transfer-harness';
import { recordHistory, replayLiveHistories } from '../support/replay';

let h: TransferHarness;
beforeAll(async () => { h = await startTransferHarness(); });
afterAll(async () => { await h?.stop(); });

const today = chinaToday();
const everyone = (s: TransferStatus) => s.parties.map((p) => p.partyId);
/** What a refused act answers: the validator's failure type and reason (the Update's cause). */
const refusal = (sent: Promise<unknown>) => sent.then(() => 'accepted', (e: { cause?: { type?: string; message?: string } }) => `${e.cause?.type}: ${e.cause?.message}`);
const keepHistory = (handle: WorkflowHandle, scenario: string) => recordHistory('RECORD_TRANSFER_HISTORIES', handle.workflowId, `transfer-${scenario}`);

async function underReview(code: string, p = profile(400)) {
  const a = enforcementCase(courts.enforcement, ['r1'], [
    { itemId: 'r-car', kind: 'movable', description: '货车', status: 'held', perishable: false, seizedAt: '2025-02-01T10:00:00+08:00' },
  ]);
  const b = enforcementCase(courts.second, ['r2'], [
    { itemId: 'r-stock', kind: 'movable', description: '库存钢材', status: 'held', perishable: false, seizedAt: '2025-01-05T10:00:00+08:00' },
  ]);
  const handle = await trigger(h, triggerFor(code, [a, b]), p);
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
  await act(handle, recordConsentUpdate, { actor: actors.party('r1'), partyId: 'r1', consents: true, documentRef: 'doc:r1' });
  await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
  await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意移送' });
  await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移9号' });
  await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone(await status(handle)), servedOn: today });
  await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申90号' });
  await waitForStage(handle, 'under_review');
  return { handle, cases: [a, b] };
}

describe('a rejection that takes effect produces the payment order', () => {
  it('no appeal in 10 days: the ruling takes effect, enforcement resumes and the order follows the seizures', async () => {
    const code = newCreditCode();
    const { handle, cases: [a, b] } = await underReview(code, profile(200));
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申90号之一', reasons: '被执行人资产足以清偿' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await vi.waitFor(async () => expect((await status(handle)).around?.distribution).toBeDefined(), { timeout: 15_000, interval: 100 });
    const s = await status(handle);
    expect(s.ruling?.effectiveAt).toBeDefined();
    const order = s.around!.distribution!.rows.filter((r) => r.caseNumber).map((r) => r.caseNumber);
    // The second court seized first (January), so its case is paid first.
    expect(order).toEqual([b!.caseNumber, a!.caseNumber]);
    expect(s.history.find((x) => x.action === 'attachmentDistribution')!.reason).toMatch(/不予受理且已生效/);
    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['r-car', 'r-stock'], materialReturned: true });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const { rows } = await h.db.pool.query('select count(*)::int as n from attachment_distribution_rows r join attachment_distributions d using (distribution_key) where d.credit_code = $1', [code]);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    const actions = (await readModel(h.db.pool, code)).audit.map((x) => x.action);
    expect(actions.indexOf('rulingEffective')).toBeLessThan(actions.indexOf('attachmentDistribution'));
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await keepHistory(handle, 'rejection-payment-order');
  });
});

describe('the claims period (企业破产法 art. 45)', () => {
  it('is refused at the door outside 30 days to 3 months', () => {
    for (const claimsPeriod of [{ amount: 29, unit: 'days' }, { amount: 90, unit: 'days' }, { amount: 1, unit: 'months' }, { amount: 4, unit: 'months' }]) {
      expect(acceptanceBody.safeParse({ rulingNumber: 'x', claimsPeriod }).success, JSON.stringify(claimsPeriod)).toBe(false);
    }
    expect(acceptanceBody.safeParse({ rulingNumber: 'x', claimsPeriod: { amount: 3, unit: 'months' } }).success).toBe(true);
  });

  it('is recorded with the acceptance, runs from the announcement and its end is recorded', async () => {
    const code = newCreditCode();
    const { handle } = await underReview(code, profile(200));
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申90号之二', claimsPeriod: { amount: 30, unit: 'days' } });
    let s = await status(handle);
    expect(s.claimsPeriod).toMatchObject({ amount: 30, unit: 'days', fixedAt: expect.any(String) });
    expect(s.history.find((x) => x.action === 'acceptTransfer')!.details).toMatchObject({ claimsPeriod: { amount: 30, unit: 'days' } });
    expect(s.deadlines.map((d) => d.name)).not.toContain('claimsDeclaration');
    await act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: today, announcementRef: '全国企业破产重整案件信息网公告2025-90' });
    s = await status(handle);
    const claims = s.deadlines.find((d) => d.name === 'claimsDeclaration')!;
    expect(claims).toMatchObject({ key: s.claimsPeriod!.deadlineKey, label: '债权申报期限（企业破产法第四十五条）', court: courts.receiving });
    expect(s.claimsPeriod!.announcedOn).toBe(today);
    await vi.waitFor(async () => expect((await status(handle)).claimsPeriod?.endedAt).toBeDefined(), { timeout: 20_000, interval: 200 });
    s = await status(handle);
    expect(s.history.map((x) => x.action)).toEqual(expect.arrayContaining(['openClaimsPeriod', 'claimsPeriodEnded']));
    expect(s.deadlines.map((d) => d.name)).not.toContain('claimsDeclaration');
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await handle.terminate('test done');
    await keepHistory(handle, 'claims-period');
  });
});

describe('the application dismissed after acceptance (企业破产法 art. 12 para. 2)', () => {
  it('served, no appeal in 10 days: it takes effect, material and property go back, enforcement resumes and the debtor is barred', async () => {
    const code = newCreditCode();
    const { handle, cases: [a, b] } = await underReview(code, profile(200));
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申91号' });
    const dismissal = { actor: actors.judge, rulingNumber: '(2025)京01破91号之一', reasons: '经审查，债务人的资产足以清偿全部债务，不符合破产条件' };
    // Before the acceptance is served there is no acceptance to dismiss yet on the record.
    expect(await refusal(act(handle, dismissAfterAcceptanceUpdate, dismissal))).toMatch(/受理裁定尚未记录送达/);
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    // The hand-over made before the dismissal goes back with the material.
    await act(handle, recordHandOverUpdate, { actor: actors.officer, items: [{ itemId: 'r-car', to: 'bankruptcy_court' }], seizures: [{ itemId: 'r-stock', disposition: 'control_handed_over' }], enforcementCosts: [] });
    expect(await refusal(act(handle, dismissAfterAcceptanceUpdate, { ...dismissal, actor: actors.officer }))).toMatch(/may not transfer.dismissAfterAcceptance/);
    expect(await refusal(act(handle, dismissAfterAcceptanceUpdate, { ...dismissal, reasons: ' ' }))).toMatch(/驳回理由/);
    const before = (await status(handle)).seq;

    await act(handle, dismissAfterAcceptanceUpdate, dismissal);
    let s = await status(handle);
    expect(before).toBe(s.seq - 1);
    expect(s).toMatchObject({ stage: 'dismissed', stageLabel: '受理后裁定驳回破产申请' });
    expect(s.ruling).toMatchObject({ kind: 'dismissed', rulingNumber: dismissal.rulingNumber, reasons: dismissal.reasons });
    expect(s.dismissal).toMatchObject({ acceptance: { kind: 'accepted', rulingNumber: '(2025)京01破申91号' }, by: actors.judge.userId });
    expect(s.history.at(-1)).toMatchObject({ action: 'dismissAfterAcceptance', from: 'accepted', to: 'dismissed', reason: dismissal.reasons });
    expect(s.deadlines.map((d) => d.label)).toEqual(['驳回申请裁定送达期限']);
    // The declaration and another dismissal are closed now (the same dismissal again is the same act, acknowledged once).
    expect(await refusal(act(handle, declareBankruptcyUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破91号之二', kind: 'bankruptcy_declared' }))).toMatch(/受理后裁定驳回破产申请/);
    expect(await refusal(act(handle, dismissAfterAcceptanceUpdate, { ...dismissal, rulingNumber: '(2025)京01破91号之三' }))).toMatch(/当前阶段为「受理后裁定驳回破产申请」/);
    expect((await status(handle)).seq).toBe(before + 1);

    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(s), servedOn: today });
    s = await status(handle);
    expect(s.history.find((x) => x.action === 'openAppealWindow' && x.reason?.startsWith('驳回申请裁定'))).toBeDefined();
    expect(s.deadlines.map((d) => d.label)).toContain('驳回申请裁定上诉期（10日）');
    await vi.waitFor(async () => expect((await status(handle)).around?.distribution).toBeDefined(), { timeout: 20_000, interval: 100 });
    s = await status(handle);
    expect(s.ruling?.effectiveAt).toBeDefined();
    expect(s.history.find((x) => x.action === 'rulingEffective')!.reason).toMatch(/驳回申请裁定生效/);
    expect(s.history.find((x) => x.action === 'attachmentDistribution')!.reason).toMatch(/受理后裁定驳回破产申请且已生效/);
    expect(s.around!.distribution!.rows.filter((r) => r.caseNumber).map((r) => r.caseNumber)).toEqual([b!.caseNumber, a!.caseNumber]);

    await act(handle, recordReturnUpdate, { actor: actors.officer, itemIds: ['r-car', 'r-stock'], materialReturned: true, returnedOn: today });
    expect(await handle.result()).toMatchObject({ stage: 'returned' });
    const rm = await readModel(h.db.pool, code);
    expect(rm.transfer[0]).toMatchObject({ stage: 'returned', ruling_kind: 'dismissed' });
    expect(rm.cases.map((c) => c.status)).toEqual(['resumed', 'resumed']);
    expect(rm.property.map((p) => p.disposition)).toEqual(['returned', 'returned']);
    // Every court with a case is told of the dismissal and then to resume, as after a rejection.
    const toCourts = (kind: string) => rm.notices.filter((n) => n.kind === kind && n.recipient_kind === 'court').map((n) => n.recipient).sort();
    expect(rm.notices.filter((n) => n.kind === 'ruling_service' && /驳回破产申请/.test(n.body)).length).toBe(everyone(s).length + 2);
    expect(toCourts('enforcement_resumed')).toEqual([courts.enforcement, courts.second].sort());
    const actions = rm.audit.map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['dismissAfterAcceptance', 'openAppealWindow', 'appealWindowPassed', 'rulingEffective', 'recordReturn', 'resumeEnforcement']));
    expect(rm.audit.find((x) => x.action === 'dismissAfterAcceptance')).toMatchObject({ actor_id: actors.judge.userId, actor_court: courts.receiving, reason: dismissal.reasons });
    expect(rm.deadlines.filter((d) => d.name === 'knownCreditorNotice').map((d) => d.status)).toEqual(['cancelled']);
    // No second transfer once the dismissal has taken effect (GO art. 19).
    const { rows } = await h.db.pool.query('select reason, ruling_number from transfer_bars where credit_code = $1', [code]);
    expect(rows).toEqual([{ reason: 'dismissal_effective', ruling_number: dismissal.rulingNumber }]);
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await keepHistory(handle, 'dismissal-after-acceptance');
  });

  it('appealed and overturned: the acceptance stands again, the hand-over is due anew and the bankruptcy goes on', async () => {
    const code = newCreditCode();
    const { handle } = await underReview(code, profile(400));
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申92号' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await act(handle, dismissAfterAcceptanceUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破92号之一', reasons: '债务人不符合破产条件' });
    expect(await refusal(act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'r1', filedOn: today })))
      .toMatch(/驳回申请裁定尚未送达，上诉期未开始/);
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'r1', filedOn: today });
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'overturned', rulingNumber: '(2025)京民终92号', decidedOn: today, reasons: '债务人明显缺乏清偿能力',
    });
    const s = await status(handle);
    expect(s.stage).toBe('accepted');
    expect(s.ruling).toMatchObject({ kind: 'accepted', rulingNumber: '(2025)京01破申92号' });
    expect(s.dismissal?.overturned).toMatchObject({ rulingNumber: '(2025)京民终92号' });
    expect(s.around?.appeal?.originalRuling).toMatchObject({ kind: 'dismissed', rulingNumber: '(2025)京01破92号之一' });
    expect(s.history.at(-1)).toMatchObject({ action: 'appealDecided', from: 'dismissed', to: 'accepted' });
    expect(s.deadlines.map((d) => d.name)).toEqual(expect.arrayContaining(['handOver', 'knownCreditorNotice']));
    expect(s.deadlines.map((d) => d.name)).not.toContain('returnMaterial');
    await act(handle, recordHandOverUpdate, { actor: actors.officer, items: [{ itemId: 'r-car', to: 'bankruptcy_court' }, { itemId: 'r-stock', to: 'administrator' }], seizures: [], enforcementCosts: [] });
    await act(handle, declareBankruptcyUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破92号之二', kind: 'bankruptcy_declared' });
    expect(await handle.result()).toMatchObject({ stage: 'bankruptcy_declared' });
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await keepHistory(handle, 'dismissal-overturned');
  });
});

describe('the claims period after an overturned dismissal (企业破产法 arts. 12, 45)', () => {
  it('cancelled by the dismissal, it runs again in full from the appeal ruling that set the dismissal aside, and ends', async () => {
    const code = newCreditCode();
    const { handle } = await underReview(code, profile(400));
    await act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申94号', claimsPeriod: { amount: 30, unit: 'days' } });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(await status(handle)), servedOn: today });
    await act(handle, recordCreditorNoticeUpdate, { actor: actors.judge, notifiedOn: today, announcementRef: '全国企业破产重整案件信息网公告2025-94' });
    const firstKey = (await status(handle)).claimsPeriod!.deadlineKey!;
    await act(handle, dismissAfterAcceptanceUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破94号之一', reasons: '债务人不符合破产条件' });
    let s = await status(handle);
    expect(s.deadlines.map((d) => d.name)).not.toContain('claimsDeclaration');
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone(s), servedOn: today });
    await act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: 'r1', filedOn: today });
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'overturned', rulingNumber: '(2025)京民终94号', decidedOn: today, reasons: '债务人明显缺乏清偿能力',
    });
    s = await status(handle);
    expect(s.stage).toBe('accepted');
    expect(s.claimsPeriod).toMatchObject({ amount: 30, unit: 'days', reopenedOn: today });
    expect(s.claimsPeriod!.deadlineKey).not.toBe(firstKey);
    expect(s.deadlines.find((d) => d.name === 'claimsDeclaration')).toMatchObject({ key: s.claimsPeriod!.deadlineKey, court: courts.receiving });
    expect(s.history.find((x) => x.action === 'reopenClaimsPeriod')).toMatchObject({ details: { decidedOn: today }, reason: expect.stringMatching(/自撤销裁定作出之日起重新计算（企业破产法第四十五条/) });
    await vi.waitFor(async () => expect((await status(handle)).claimsPeriod?.endedAt).toBeDefined(), { timeout: 30_000, interval: 200 });
    // The end is written to the audit trail by an effect after the state says so: waited for, not raced.
    await vi.waitFor(async () => {
      const rm = await readModel(h.db.pool, code);
      expect(rm.deadlines.filter((d) => d.name === 'claimsDeclaration').map((d) => d.status)).toEqual(['cancelled', 'met']);
      expect(rm.audit.map((x) => x.action)).toEqual(expect.arrayContaining(['reopenClaimsPeriod', 'claimsPeriodEnded']));
    }, { timeout: 20_000, interval: 200 });
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await handle.terminate('test done');
    await keepHistory(handle, 'claims-period-after-overturn');
  });
});

describe('an objection to the transfer decision, raised at the receiving court during review (DOMAIN.md step 5)', () => {
  it('is recorded, waits to be dealt with before any ruling; overruled it lets the court rule, sustained it leaves only a rejection', async () => {
    const code = newCreditCode();
    const { handle } = await underReview(code, profile(400));
    const debtor = (await status(handle)).debtorPartyId;
    await act(handle, raiseObjectionUpdate, { actor: actors.party('r2'), partyId: 'r2', grounds: '本人未被征询意见，移送决定程序违法', raisedOn: today });
    expect(await refusal(act(handle, raiseObjectionUpdate, { actor: actors.party('r2'), partyId: 'r2', grounds: '再次提出' }))).toMatch(/异议O1尚未处理/);
    expect(await refusal(act(handle, raiseObjectionUpdate, { actor: actors.party('r1'), partyId: 'r2', grounds: '代为提出' }))).toMatch(/ValidationFailed/);
    expect(await refusal(act(handle, raiseObjectionUpdate, { actor: actors.officer, partyId: 'r1', grounds: '执行法院代为提出' }))).toMatch(/Forbidden: .*may not transfer.raiseObjection/);
    expect(await refusal(act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申93号' }))).toMatch(/尚有对移送决定的异议未处理：O1/);
    expect(await refusal(act(handle, ruleOnObjectionUpdate, { actor: actors.clerk, objectionId: 'O1', outcome: 'overruled', reasons: 'x' }))).toMatch(/Forbidden/);
    await act(handle, ruleOnObjectionUpdate, { actor: actors.judge, objectionId: 'O1', outcome: 'overruled', reasons: '执行法院已向其送达征询通知，有送达回证', ruledOn: today });
    // The court records the debtor's written objection; sustained, the transfer may only be rejected.
    await act(handle, raiseObjectionUpdate, { actor: actors.clerk, partyId: debtor, grounds: '被执行人系个人独资企业，不是企业法人', documentRef: 'doc:objection-2' });
    await act(handle, ruleOnObjectionUpdate, { actor: actors.judge, objectionId: 'O2', outcome: 'sustained', reasons: '经核查营业执照，异议成立' });
    expect(await refusal(act(handle, ruleOnObjectionUpdate, { actor: actors.judge, objectionId: 'O2', outcome: 'overruled', reasons: '改变主意' }))).toMatch(/异议O2已于/);
    expect(await refusal(act(handle, acceptUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申93号' }))).toMatch(/异议O2成立.*不能裁定受理/);
    const s = await status(handle);
    expect(s.objections).toEqual([
      expect.objectContaining({ objectionId: 'O1', partyId: 'r2', recordedBy: actors.party('r2').userId, ruling: expect.objectContaining({ outcome: 'overruled', by: actors.judge.userId }) }),
      expect.objectContaining({ objectionId: 'O2', partyId: debtor, documentRef: 'doc:objection-2', recordedBy: actors.clerk.userId, ruling: expect.objectContaining({ outcome: 'sustained' }) }),
    ]);
    expect(s.history.filter((x) => x.action === 'ruleOnObjection').map((x) => x.reason)).toEqual([
      '异议不成立，予以驳回：执行法院已向其送达征询通知，有送达回证', '异议成立，应裁定不予受理：经核查营业执照，异议成立',
    ]);
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申93号', reasons: '异议成立，被执行人不是企业法人' });
    expect((await status(handle)).stage).toBe('rejected');
    const audit = (await readModel(h.db.pool, code)).audit.filter((x) => x.action.endsWith('Objection')).map((x) => [x.action, x.actor_id]);
    expect(audit).toEqual([
      ['raiseObjection', actors.party('r2').userId], ['ruleOnObjection', actors.judge.userId], ['raiseObjection', actors.clerk.userId], ['ruleOnObjection', actors.judge.userId],
    ]);
    // The objecting party and the transferring court are told each outcome, with its reasons and source (GO art. 7).
    const told = (await readModel(h.db.pool, code)).notices.filter((n) => n.kind === 'objection_ruling');
    expect(told.map((n) => [n.recipient_kind, n.recipient]).sort()).toEqual([
      ['court', courts.enforcement], ['court', courts.enforcement], ['party', 'r2'], ['party', debtor],
    ].sort());
    const toR2 = told.find((n) => n.recipient === 'r2')!.body as string;
    expect(toR2).toMatch(new RegExp(`^你（单位）于${today}对\\(2025\\)京0105执移9号移送决定书提出的异议（O1）`));
    expect(toR2).toMatch(/指导意见第七条.*异议不成立，予以驳回.*理由：执行法院已向其送达征询通知，有送达回证$/);
    expect(told.find((n) => n.recipient === debtor)!.body).toMatch(/异议（O2）.*异议成立，本院将依法裁定不予受理破产申请。理由：经核查营业执照，异议成立$/);
    expect(told.filter((n) => n.recipient_kind === 'court').every((n) => (n.body as string).startsWith('当事人'))).toBe(true);
    expect(await replayLiveHistories([handle.workflowId])).toEqual([{ file: `${handle.workflowId}.json` }]);
    await handle.terminate('test done');
    await keepHistory(handle, 'objection-at-review');
  });
});
