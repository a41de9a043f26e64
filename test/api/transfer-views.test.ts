// GET /transfers/{creditCode} as each caller sees it, on real Temporal and PostgreSQL: while a
// supervisor has suspended the transfer only resumption and correction are offered (what the
// workflow's validators would accept); a creditor's view carries no other creditor's id or name,
// in the cases, the history, the appeal, the known creditors or the distribution order.
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../workflows/shared/actor';
import {
  docketUpdate, panelReviewUpdate, proposeUpdate, recordAppealUpdate, recordConsentUpdate, recordScreeningUpdate,
  recordServiceUpdate, rejectUpdate, requestMaterialUpdate, signUpdate, supplyMaterialUpdate,
} from '../../workflows/transfer/messages';
import { chinaToday,
  act, actors, courts, enforcementCase, newCreditCode, profile, proposal, screening, status, trigger, triggerFor, waitForStage,
} from '../fixtures/transfer';
import { useTransferApi, type ApiCall } from '../support/api-client';

const h = useTransferApi();
const call: ApiCall = (...args) => h.call(...args);

const actionsOf = async (actor: Actor, code: string) => {
  const res = await call(actor, 'GET', `/transfers/${code}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.allowedActions as { action: string }[]).map((a) => a.action);
};

// Ids long enough that a substring search cannot hit a hash or a key by chance.
const own = 'creditor-own-q7';
const coApplicant = 'creditor-co-z4';
const other = 'creditor-other-m2';
const nameOf = (id: string) => `申请执行人${id}`;
const othersOf = (me: string) => [own, coApplicant, other].filter((id) => id !== me).flatMap((id) => [id, nameOf(id)]);

function expectNoneOf(view: unknown, words: string[]) {
  const text = JSON.stringify(view);
  for (const word of words) expect(text, `the view names ${word}`).not.toContain(word);
}

async function toConsent(handle: WorkflowHandle) {
  await waitForStage(handle, 'screening');
  await act(handle, recordScreeningUpdate, { actor: actors.officer, ...screening });
}

describe('allowed actions follow the workflow\'s validators', () => {
  it('while suspended, the court\'s own staff are offered nothing but the supervisor\'s resumption and correction, the party still its reply; afterwards all return', async () => {
    const code = newCreditCode();
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, [own])]), profile(2000));
    await toConsent(handle);
    const before = { officer: await actionsOf(actors.officer, code), party: await actionsOf(actors.party(own), code) };
    expect(before.officer).toEqual(expect.arrayContaining(['transfer.recordConsent', 'transfer.propose']));
    expect(before.party).toEqual(['transfer.recordConsent', 'transfer.withdrawConsent']);

    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/suspension`, { reason: '核查送达' })).status).toBe(200);
    expect(await actionsOf(actors.officer, code)).toEqual([]);
    // The parties' reply window runs on through a court's suspension (issue 13).
    expect(await actionsOf(actors.party(own), code)).toEqual(before.party);
    expect(await actionsOf(actors.supervisor, code)).toEqual(['transfer.suspendProcess', 'transfer.correctRecord']);
    // What the view no longer offers, the workflow refuses.
    for (const [path, body] of [['/consents', { partyId: own, consents: true, documentRef: 'doc:1' }], ['/proposal', proposal]] as const) {
      expect((await call(actors.officer, 'POST', `/transfers/${code}${path}`, body)).status).toBe(409);
    }

    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/resumption`, { reason: '已核实' })).status).toBe(200);
    expect(await actionsOf(actors.officer, code)).toEqual(before.officer);
    expect(await actionsOf(actors.party(own), code)).toEqual(before.party);
  });

  it('the supervision order is not offered to courts its validator refuses, nor the creditor notice before creditors are handed over', async () => {
    const code = newCreditCode();
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, [own])]), profile(2000));
    await toConsent(handle);
    await act(handle, recordConsentUpdate, { actor: actors.party(own), partyId: own, consents: true, documentRef: 'doc:c' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移7号' });
    await waitForStage(handle, 'decided');
    expect((await call(actors.officer, 'POST', `/transfers/${code}/supervision-requests`, { grounds: 'package_refused', reason: '拒收材料' })).status).toBe(200);
    // The home court's supervisor and the receiving court's judge pass the permission table, but the validator wants the higher court.
    expect(await actionsOf(actors.supervisor, code)).not.toContain('transfer.recordSupervisionOrder');
    expect(await actionsOf(actors.judge, code)).not.toContain('transfer.recordSupervisionOrder');
    expect(await actionsOf(actors.judge, code)).not.toContain('transfer.recordCreditorNotice');
  });

  it('acts the recorded state rules out are not offered: service twice, supervision before its grounds, supply with no request, appeal before service, return before effect', async () => {
    const code = newCreditCode();
    const handle = await trigger(h, triggerFor(code, [enforcementCase(courts.enforcement, [own])]), profile(5000));
    await toConsent(handle);
    await act(handle, recordConsentUpdate, { actor: actors.party(own), partyId: own, consents: true, documentRef: 'doc:s' });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移9号' });
    await waitForStage(handle, 'decided');
    const everyone = (await status(handle)).parties.map((p) => p.partyId);
    // Not docketed yet: the package-refused grounds hold.
    expect(await actionsOf(actors.officer, code)).toEqual(expect.arrayContaining(['transfer.recordService', 'transfer.requestSupervision']));
    await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone, servedOn: chinaToday() });
    expect(await actionsOf(actors.officer, code)).not.toContain('transfer.recordService');

    await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申91号' });
    await waitForStage(handle, 'under_review');
    // Docketed and the 30-day review still running: no grounds for supervision; nothing asked, nothing to supply.
    let officer = await actionsOf(actors.officer, code);
    expect(officer).not.toContain('transfer.requestSupervision');
    expect(officer).not.toContain('transfer.supplyMaterial');
    const refusedSupervision = await call(actors.officer, 'POST', `/transfers/${code}/supervision-requests`, { grounds: 'review_overdue', reason: '逾期' });
    expect(refusedSupervision.status).toBe(409);
    await act(handle, requestMaterialUpdate, { actor: actors.judge, items: ['财产调查结果'], reason: '材料不全' });
    officer = await actionsOf(actors.officer, code);
    expect(officer).toContain('transfer.supplyMaterial');
    const requestId = (await status(handle)).materialRequests[0]!.requestId;
    await act(handle, supplyMaterialUpdate, { actor: actors.officer, requestId, documents: ['doc:m1'] });
    expect(await actionsOf(actors.officer, code)).not.toContain('transfer.supplyMaterial');

    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申91号之一', reasons: '不符合受理条件' });
    await waitForStage(handle, 'rejected');
    // Not served: no appeal window yet, and the rejection has not taken effect.
    for (const actor of [actors.officer, actors.judge]) {
      const actions = await actionsOf(actor, code);
      expect(actions).not.toContain('transfer.recordAppeal');
      expect(actions).not.toContain('transfer.recordReturn');
    }
    expect(await actionsOf(actors.judge, code)).toContain('transfer.recordRulingService');
    const early = await call(actors.officer, 'POST', `/transfers/${code}/appeal`, { appellantPartyId: own, filedOn: chinaToday() });
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone, servedOn: chinaToday() });
    expect(await actionsOf(actors.officer, code)).toContain('transfer.recordAppeal');
    expect(await actionsOf(actors.judge, code)).not.toContain('transfer.recordRulingService');
    expect(await actionsOf(actors.officer, code)).not.toContain('transfer.recordReturn');
  });
});

describe('a creditor sees its own position only', () => {
  it('cases, history, appeal, known creditors: no other creditor\'s id or name reaches it', async () => {
    const code = newCreditCode();
    const body = triggerFor(code, [enforcementCase(courts.enforcement, [own, coApplicant]), enforcementCase(courts.second, [other])]);
    const handle = await trigger(h, body, profile(2000));
    await toConsent(handle);
    await act(handle, recordConsentUpdate, { actor: actors.party(own), partyId: own, consents: true, documentRef: 'doc:own' });
    await act(handle, recordConsentUpdate, { actor: actors.party(other), partyId: other, consents: true, documentRef: 'doc:other', note: `${nameOf(other)}同意` });
    await act(handle, recordConsentUpdate, { actor: actors.party(coApplicant), partyId: coApplicant, consents: false });
    await act(handle, proposeUpdate, { actor: actors.officer, ...proposal });
    await act(handle, panelReviewUpdate, { actor: actors.panel, agree: true, reasons: '同意' });
    await act(handle, signUpdate, { actor: actors.president, sign: true, decisionNumber: '(2025)京0105执移8号' });
    const everyone = (await status(handle)).parties.map((p) => p.partyId);
    await act(handle, recordServiceUpdate, { actor: actors.officer, document: 'decision', servedPartyIds: everyone, servedOn: chinaToday() });
    await act(handle, docketUpdate, { actor: actors.judge, docketNumber: '(2025)京01破申80号' });
    await waitForStage(handle, 'under_review');
    await act(handle, rejectUpdate, { actor: actors.judge, rulingNumber: '(2025)京01破申80号之一', reasons: '不符合受理条件' });
    await act(handle, recordServiceUpdate, { actor: actors.judge, document: 'ruling', servedPartyIds: everyone, servedOn: chinaToday() });
    await act(handle, recordAppealUpdate, { actor: actors.officer, step: 'filed', appellantPartyId: other, filedOn: chinaToday() });
    await act(handle, recordAppealUpdate, {
      actor: actors.judge, step: 'decided', outcome: 'overturned', rulingNumber: '(2025)京民终90号', decidedOn: chinaToday(), reasons: '符合受理条件',
    });
    const consentSeq = (await status(handle)).history.find((a) => a.details?.partyId === other)!.seq;
    expect((await call(actors.supervisor, 'POST', `/transfers/${code}/corrections`, { correctsSeq: consentSeq, correction: '书面意见文号应为doc:other-2', reason: '录入错误' })).status).toBe(200);

    const staff = (await call(actors.officer, 'GET', `/transfers/${code}`)).body;
    expect(staff.stage).toBe('accepted');
    expect(staff.around.knownCreditors.partyIds.sort()).toEqual([coApplicant, other, own].sort());
    expect(staff.around.appeal.filed.appellantPartyId).toBe(other);

    const mine = await call(actors.party(own), 'GET', `/transfers/${code}`);
    expect(mine.status).toBe(200);
    expectNoneOf(mine.body, othersOf(own));
    expect(mine.body.cases).toEqual([expect.objectContaining({ caseNumber: body.cases[0]!.caseNumber, applicantIds: [own] })]);
    expect(mine.body.parties.map((p: { partyId: string }) => p.partyId).sort()).toEqual([body.debtor.partyId, own].sort());
    expect(mine.body.around.knownCreditors.partyIds).toEqual([own]);
    expect(mine.body.around.appeal.filed).toEqual({ filedOn: chinaToday(), recordedBy: actors.officer.userId });
    expect(mine.body.around.appeal.decided).toMatchObject({ outcome: 'overturned' });
    expect(mine.body.around.corrections).toEqual([]);
    const actions = mine.body.history.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['requestConsent', 'consentGiven', 'appealFiled', 'appealDecided', 'handKnownCreditors']));
    expect(actions).not.toContain('correctRecord');
    expect(actions.filter((a: string) => a === 'consentGiven' || a === 'consentRefused')).toEqual(['consentGiven']);

    // The other creditor sees that it appealed, and nothing of the first two.
    const theirs = (await call(actors.party(other), 'GET', `/transfers/${code}`)).body;
    expectNoneOf(theirs, othersOf(other));
    expect(theirs.around.appeal.filed.appellantPartyId).toBe(other);
    // The debtor is a party to every case and sees them all.
    const debtor = (await call(actors.party(body.debtor.partyId), 'GET', `/transfers/${code}`)).body;
    expect(debtor.cases).toHaveLength(2);
  });

  it('the distribution order when nobody consents: a creditor sees the costs, the priority claims and its own place', async () => {
    const code = newCreditCode();
    const first = enforcementCase(courts.enforcement, [other], [
      { itemId: 'v-car', kind: 'movable', description: '轿车', status: 'held', perishable: false, seizedAt: '2025-02-01T10:00:00+08:00' },
    ]);
    const second = enforcementCase(courts.second, [own, coApplicant], [
      { itemId: 'v-steel', kind: 'movable', description: '钢材', status: 'held', perishable: false, seizedAt: '2025-05-01T10:00:00+08:00' },
    ]);
    const handle = await trigger(h, triggerFor(code, [first, second]), profile(100));
    await toConsent(handle);
    await act(handle, recordConsentUpdate, { actor: actors.party(other), partyId: other, consents: false, note: '不同意' });
    await handle.result().catch(() => undefined);

    const staff = (await call(actors.officer, 'GET', `/transfers/${code}`)).body;
    expect(staff.stage).toBe('no_consent');
    expect(staff.around.distribution.rows.map((r: { position: number; creditorIds: string[] }) => [r.position, r.creditorIds])).toEqual([
      [1, []], [2, []], [3, [other]], [4, [own, coApplicant]],
    ]);

    const mine = (await call(actors.party(own), 'GET', `/transfers/${code}`)).body;
    expectNoneOf(mine, othersOf(own));
    expect(mine.around.distribution.rows.map((r: { position: number; tier: string; creditorIds: string[] }) => [r.position, r.tier, r.creditorIds])).toEqual([
      [1, 'enforcement_costs', []], [2, 'priority_claims', []], [4, 'ordinary_by_seizure', [own]],
    ]);
    const recorded = mine.history.find((a: { action: string }) => a.action === 'attachmentDistribution');
    expect(recorded.details.order.map((r: { position: number }) => r.position)).toEqual([1, 2, 4]);
  });
});
